import type { TokenBounds } from "../frames/TokenBounds.js";
import type { HardwareInfo } from "../platform/HardwareInfo.js";
import { defaultSettings, type Settings } from "./settingsSchema.js";

/**
 * What a run on the local engine gets on a machine without a GPU, instead of the built-in
 * defaults, so a step finishes in reasonable time (measured: README "Engine speed", the CPU table).
 */
export const CPU_RUN_DEFAULTS = {
  /** One 1024-token frame per step (mtmd's and grounding's minimum); grounding's auto zoom then refines at native resolution. */
  maxImageTokens: 1024,
  /** The policy's target and screen-text checks each add a generation with an image per step. */
  inspectors: false,
} as const;

/** What the user chose for a run, and how to change each (a settings field or a flag). */
export interface RunChoice {
  readonly bounds: TokenBounds;
  /** False while the maximum is the built-in default. */
  readonly maxChosen: boolean;
  /** Undefined while the user left the inspectors alone. */
  readonly inspect?: boolean;
  readonly hints: { readonly max: string; readonly inspect: string };
}

/** A run's image-token bounds and inspectors after the CPU-only defaults, and which of them applied. */
export interface CpuResolved {
  readonly bounds: TokenBounds;
  /** Ask the run's model about each action's target and the screen's text before acting. */
  readonly inspectors: boolean;
  /** The CPU-only defaults that applied, in words (for stderr and the run record); empty when none did. */
  readonly cpuDefaults: readonly string[];
}

/**
 * Applies CPU_RUN_DEFAULTS where the run uses the local engine, no GPU was found and the user
 * left the setting alone. A value the user chose always wins; a remote endpoint computes elsewhere.
 */
export function applyCpuDefaults(choice: RunChoice, hardware: Pick<HardwareInfo, "gpu">, localEngine: boolean): CpuResolved {
  if (!localEngine || hardware.gpu !== false) return { bounds: choice.bounds, inspectors: choice.inspect ?? true, cpuDefaults: [] };
  const cpuDefaults: string[] = [];
  let bounds = choice.bounds;
  if (!choice.maxChosen) {
    const max = Math.max(bounds.minImageTokens, CPU_RUN_DEFAULTS.maxImageTokens);
    if (max < bounds.maxImageTokens) {
      bounds = { ...bounds, maxImageTokens: max };
      cpuDefaults.push(`at most ${max} image tokens per screenshot (${choice.hints.max} to change)`);
    }
  }
  const inspectors = choice.inspect ?? CPU_RUN_DEFAULTS.inspectors;
  if (choice.inspect === undefined && !inspectors)
    cpuDefaults.push(`no model checks of each action's target and the screen's text (${choice.hints.inspect} to change)`);
  return { bounds, inspectors, cpuDefaults };
}

/** The settings a run uses after the CPU-only defaults. */
export interface ResolvedRunSettings extends Omit<CpuResolved, "bounds"> {
  readonly settings: Settings;
}

/**
 * The settings file's side of applyCpuDefaults: a maximum still at the built-in default (the file
 * holds every field, so that is all "unchosen" can mean there) and `policy.inspect` unset.
 */
export function resolveRunSettings(settings: Settings, hardware: Pick<HardwareInfo, "gpu">, localEngine = settings.endpoint === null): ResolvedRunSettings {
  const r = applyCpuDefaults(
    {
      bounds: { minImageTokens: settings.imageTokens.min, maxImageTokens: settings.imageTokens.max },
      maxChosen: settings.imageTokens.max !== defaultSettings().imageTokens.max,
      inspect: settings.policy.inspect,
      hints: { max: "settings imageTokens.max", inspect: "settings policy.inspect" },
    },
    hardware,
    localEngine,
  );
  return {
    settings: { ...settings, imageTokens: { min: r.bounds.minImageTokens, max: r.bounds.maxImageTokens } },
    inspectors: r.inspectors,
    cpuDefaults: r.cpuDefaults,
  };
}

/** The line a CPU-only run prints on stderr. */
export function cpuDefaultsLine(cpuDefaults: readonly string[]): string {
  return `no GPU found: CPU defaults for this run: ${cpuDefaults.join("; ")}`;
}
