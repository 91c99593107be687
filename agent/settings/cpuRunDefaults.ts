import type { HardwareInfo } from "../models/HardwareInfo.js";
import { defaultSettings, type Settings } from "./settingsSchema.js";

/**
 * What a run on the local engine gets on a machine without a GPU, instead of the built-in
 * defaults, so a step finishes in reasonable time (measured: README "Engine speed", the CPU table).
 */
export const CPU_RUN_DEFAULTS = {
  /** One 1024-token frame per step; grounding's auto zoom then refines at native resolution. */
  maxImageTokens: 1024,
  /** The policy's target and screen-text checks each add a generation with an image per step. */
  inspectors: false,
} as const;

/** The settings a run uses after the CPU-only defaults, and which of them applied. */
export interface ResolvedRunSettings {
  readonly settings: Settings;
  /** Ask the run's model about each action's target and the screen's text before acting. */
  readonly inspectors: boolean;
  /** The CPU-only defaults that applied, in words (for stderr and the run record); empty when none did. */
  readonly cpuDefaults: readonly string[];
}

/**
 * Applies CPU_RUN_DEFAULTS where the run uses the local engine, no GPU was found and the user
 * left the setting alone: an image-token maximum still at the built-in default, `policy.inspect`
 * unset. A value the user chose always wins; a remote endpoint does its work elsewhere.
 */
export function resolveRunSettings(settings: Settings, hardware: Pick<HardwareInfo, "gpu">, localEngine = settings.endpoint === null): ResolvedRunSettings {
  const explicitInspect = settings.policy.inspect;
  if (!localEngine || hardware.gpu !== false) return { settings, inspectors: explicitInspect ?? true, cpuDefaults: [] };
  const cpuDefaults: string[] = [];
  let imageTokens = settings.imageTokens;
  if (imageTokens.max === defaultSettings().imageTokens.max) {
    const max = Math.max(imageTokens.min, CPU_RUN_DEFAULTS.maxImageTokens);
    if (max < imageTokens.max) {
      imageTokens = { ...imageTokens, max };
      cpuDefaults.push(`at most ${max} image tokens per screenshot (settings imageTokens.max to change)`);
    }
  }
  const inspectors = explicitInspect ?? CPU_RUN_DEFAULTS.inspectors;
  if (explicitInspect === undefined && !inspectors) {
    cpuDefaults.push("no model checks of each action's target and the screen's text (settings policy.inspect to change)");
  }
  return { settings: { ...settings, imageTokens }, inspectors, cpuDefaults };
}

/** The line a CPU-only run prints on stderr. */
export function cpuDefaultsLine(cpuDefaults: readonly string[]): string {
  return `no GPU found: CPU defaults for this run: ${cpuDefaults.join("; ")}`;
}
