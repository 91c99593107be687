import { SETTINGS_VERSION } from "./settingsSchema.js";

/** The result of carrying a parsed file forward to SETTINGS_VERSION. */
export interface Migration {
  readonly value: unknown;
  readonly fromVersion: number;
  readonly notes: string[];
}

/**
 * Carries an older settings document forward, one version at a time. Version 1 (no `version`
 * field, or 1) was flat: modelId, gpuLayers, minImageTokens, maxImageTokens, endpointUrl,
 * endpointModel, localOnly. Version 2 wrote `engine.contextSize: 8192` by default, a value that
 * never reached the engine; version 3 sizes the context itself ("auto") unless the user chose a size.
 * A newer version than this build knows is returned as is; repairSettings keeps what it can read.
 */
export function migrateSettings(doc: unknown): Migration {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { value: doc, fromVersion: SETTINGS_VERSION, notes: [] };
  let d = doc as Record<string, unknown>;
  const version = typeof d["version"] === "number" ? d["version"] : 1;
  if (version > SETTINGS_VERSION) {
    return {
      value: { ...d, version: SETTINGS_VERSION },
      fromVersion: version,
      notes: [`written by a newer DeskPilot (settings version ${version}); fields this version does not know were dropped`],
    };
  }
  if (version >= SETTINGS_VERSION) return { value: d, fromVersion: version, notes: [] };
  const notes = [`migrated from settings version ${version} to ${SETTINGS_VERSION}`];
  if (version < 2) d = fromVersion1(d);
  d = fromVersion2(d, notes);
  return { value: d, fromVersion: version, notes };
}

function fromVersion1(d: Record<string, unknown>): Record<string, unknown> {
  const { modelId, gpuLayers, minImageTokens, maxImageTokens, endpointUrl, endpointModel } = d;
  const v2: Record<string, unknown> = { ...d, version: 2 };
  for (const old of ["modelId", "gpuLayers", "minImageTokens", "maxImageTokens", "endpointUrl", "endpointModel"]) delete v2[old];
  if (modelId !== undefined) v2["model"] = { id: modelId };
  if (gpuLayers !== undefined) v2["engine"] = { gpuLayers };
  if (minImageTokens !== undefined || maxImageTokens !== undefined) v2["imageTokens"] = { min: minImageTokens, max: maxImageTokens };
  if (typeof endpointUrl === "string") v2["endpoint"] = { preset: "custom", baseUrl: endpointUrl, model: endpointModel ?? "default" };
  return v2;
}

/** 8192 was version 2's default, written into every file: it becomes "auto". Any other size was the user's choice and stays. */
function fromVersion2(d: Record<string, unknown>, notes: string[]): Record<string, unknown> {
  const v3: Record<string, unknown> = { ...d, version: SETTINGS_VERSION };
  const engine = d["engine"];
  if (typeof engine === "object" && engine !== null && !Array.isArray(engine) && (engine as Record<string, unknown>)["contextSize"] === 8192) {
    v3["engine"] = { ...engine, contextSize: "auto" };
    notes.push('engine.contextSize 8192 (the old default) is now "auto": the engine sizes its context for the screenshots it keeps');
  }
  return v3;
}
