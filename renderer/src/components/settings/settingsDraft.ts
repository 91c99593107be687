import type { SettingsPatch } from "../../../../agent/models/ModelsApi.js";
import type { Settings } from "../../../../agent/settings/settingsSchema.js";
import type { EndpointPresetName } from "../../../../agent/settings/endpointPresets.js";
import type { GroundingPromptKind } from "../../../../agent/grounding/GroundingPromptKind.js";
import type { ProfileId } from "../../../../agent/profiles/ModelProfile.js";
import type { CoordinateSpace } from "../../../../agent/profiles/coordinateSpace.js";

/** The settings form as the user edits it: numbers as typed, lists as lines. */
export interface SettingsDraft {
  gpuLayers: string;
  contextSize: string;
  threads: string;
  minImageTokens: string;
  maxImageTokens: string;
  zoom: boolean;
  /** "" = the default: the catalog entry's profile (Qwen2.5-VL's for your own files), the profile's coordinates. */
  modelProfile: "" | ProfileId;
  modelCoordinates: "" | CoordinateSpace;
  groundingPrompt: GroundingPromptKind;
  confirmRisky: boolean;
  /** The policy's model checks of each action's target: "" = on with a GPU, off on a CPU. */
  inspect: "" | "on" | "off";
  dryRun: boolean;
  allowApps: string;
  stopHotkey: string;
  pauseHotkey: string;
  /** "" = the local engine, no endpoint. */
  endpointPreset: "" | EndpointPresetName | "custom";
  endpointBaseUrl: string;
  endpointModel: string;
  endpointApiKey: string;
  endpointProfile: "" | ProfileId;
  endpointCoordinates: "" | CoordinateSpace;
  localOnly: boolean;
  hubEndpoint: string;
}

/** The form's starting values: the settings as the service has them. */
export function draftFrom(s: Settings): SettingsDraft {
  return {
    gpuLayers: String(s.engine.gpuLayers),
    contextSize: String(s.engine.contextSize),
    threads: String(s.engine.threads),
    minImageTokens: String(s.imageTokens.min),
    maxImageTokens: String(s.imageTokens.max),
    zoom: s.zoom,
    modelProfile: s.model.profile ?? "",
    modelCoordinates: s.model.coordinates ?? "",
    groundingPrompt: s.groundingPrompt,
    confirmRisky: s.policy.confirmRisky,
    inspect: s.policy.inspect === undefined ? "" : s.policy.inspect ? "on" : "off",
    dryRun: s.policy.dryRun,
    allowApps: s.policy.allowApps.join("\n"),
    stopHotkey: s.hotkeys.stop,
    pauseHotkey: s.hotkeys.pause,
    endpointPreset: s.endpoint?.preset ?? "",
    endpointBaseUrl: s.endpoint?.baseUrl ?? "",
    endpointModel: s.endpoint?.model ?? "",
    endpointApiKey: s.endpoint?.apiKey ?? "",
    endpointProfile: s.endpoint?.profile ?? "",
    endpointCoordinates: s.endpoint?.coordinates ?? "",
    localOnly: s.localOnly,
    hubEndpoint: s.hubEndpoint,
  };
}

/** A value the form itself can tell is not a number, keyed by setting path like the service's errors. */
export type DraftProblems = Record<string, string>;

// Only whole numbers are settings here; ranges are the service's to check, so its message is the one shown.
function whole(text: string, field: string, problems: DraftProblems): number {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isInteger(n)) problems[field] = "enter a whole number";
  return n;
}

/**
 * The patch that turns `s` into what the draft says, only the sections that changed (so a save
 * never rewrites a value the user did not touch), or the problems that stop it being sent.
 */
export function patchFrom(d: SettingsDraft, s: Settings): { patch: SettingsPatch; problems: DraftProblems } {
  const problems: DraftProblems = {};
  const patch: SettingsPatch = {};
  const gl = d.gpuLayers.trim();
  const named: "auto" | "max" | undefined = gl === "auto" || gl === "max" ? gl : undefined;
  const engine = {
    gpuLayers: named ?? whole(gl, "engine.gpuLayers", problems),
    contextSize: d.contextSize.trim() === "auto" ? ("auto" as const) : whole(d.contextSize, "engine.contextSize", problems),
    threads: whole(d.threads, "engine.threads", problems),
  };
  if (!named && problems["engine.gpuLayers"]) problems["engine.gpuLayers"] = "enter auto, max, or a number of layers";
  if (engine.gpuLayers !== s.engine.gpuLayers || engine.contextSize !== s.engine.contextSize || engine.threads !== s.engine.threads) patch.engine = engine;
  const imageTokens = { min: whole(d.minImageTokens, "imageTokens.min", problems), max: whole(d.maxImageTokens, "imageTokens.max", problems) };
  if (imageTokens.min !== s.imageTokens.min || imageTokens.max !== s.imageTokens.max) patch.imageTokens = imageTokens;
  if (d.zoom !== s.zoom) patch.zoom = d.zoom;
  // An emptied choice is sent as null: the default applies again.
  if (d.modelProfile !== (s.model.profile ?? "") || d.modelCoordinates !== (s.model.coordinates ?? "")) {
    patch.model = { profile: d.modelProfile || null, coordinates: d.modelCoordinates || null };
  }
  if (d.groundingPrompt !== s.groundingPrompt) patch.groundingPrompt = d.groundingPrompt;
  const allowApps = d.allowApps
    .split("\n")
    .map((a) => a.trim())
    .filter(Boolean);
  const inspect = d.inspect === "" ? null : d.inspect === "on";
  if (
    d.confirmRisky !== s.policy.confirmRisky ||
    d.dryRun !== s.policy.dryRun ||
    allowApps.join("\n") !== s.policy.allowApps.join("\n") ||
    inspect !== (s.policy.inspect ?? null)
  ) {
    patch.policy = { confirmRisky: d.confirmRisky, dryRun: d.dryRun, allowApps, inspect };
  }
  const hotkeys = { stop: d.stopHotkey.trim(), pause: d.pauseHotkey.trim() };
  if (hotkeys.stop !== s.hotkeys.stop || hotkeys.pause !== s.hotkeys.pause) patch.hotkeys = hotkeys;
  // The whole endpoint is sent (an empty key clears the old one: a patch merges into what was there).
  const endpoint =
    d.endpointPreset === ""
      ? null
      : {
          preset: d.endpointPreset,
          baseUrl: d.endpointBaseUrl.trim(),
          model: d.endpointModel.trim(),
          apiKey: d.endpointApiKey,
          profile: d.endpointProfile || null,
          coordinates: d.endpointCoordinates || null,
        };
  const was = s.endpoint && {
    preset: s.endpoint.preset,
    baseUrl: s.endpoint.baseUrl,
    model: s.endpoint.model,
    apiKey: s.endpoint.apiKey ?? "",
    profile: s.endpoint.profile ?? null,
    coordinates: s.endpoint.coordinates ?? null,
  };
  if (JSON.stringify(endpoint) !== JSON.stringify(was)) {
    if (endpoint && !endpoint.baseUrl) problems["endpoint.baseUrl"] = "enter the server's base URL";
    if (endpoint && !endpoint.model) problems["endpoint.model"] = "enter the model name the server knows";
    patch.endpoint = endpoint;
  }
  if (d.localOnly !== s.localOnly) patch.localOnly = d.localOnly;
  if (d.hubEndpoint.trim() !== s.hubEndpoint) patch.hubEndpoint = d.hubEndpoint.trim();
  return { patch, problems };
}
