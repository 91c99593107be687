import { SETTINGS_VERSION } from "./settingsSchema.js";

/** The result of carrying a parsed file forward to SETTINGS_VERSION. */
export interface Migration {
  readonly value: unknown;
  readonly fromVersion: number;
  readonly notes: string[];
}

/**
 * Carries an older settings document forward. Version 1 (no `version` field, or 1) was flat:
 * modelId, gpuLayers, minImageTokens, maxImageTokens, endpointUrl, endpointModel, localOnly.
 * A newer version than this build knows is returned as is; repairSettings keeps what it can read.
 */
export function migrateSettings(doc: unknown): Migration {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { value: doc, fromVersion: SETTINGS_VERSION, notes: [] };
  const d = doc as Record<string, unknown>;
  const version = typeof d["version"] === "number" ? d["version"] : 1;
  if (version > SETTINGS_VERSION) {
    return { value: { ...d, version: SETTINGS_VERSION }, fromVersion: version, notes: [`written by a newer DeskPilot (settings version ${version}); fields this version does not know were dropped`] };
  }
  if (version >= SETTINGS_VERSION) return { value: d, fromVersion: version, notes: [] };
  const { modelId, gpuLayers, minImageTokens, maxImageTokens, endpointUrl, endpointModel } = d;
  const v2: Record<string, unknown> = { ...d, version: SETTINGS_VERSION };
  for (const old of ["modelId", "gpuLayers", "minImageTokens", "maxImageTokens", "endpointUrl", "endpointModel"]) delete v2[old];
  if (modelId !== undefined) v2["model"] = { id: modelId };
  if (gpuLayers !== undefined) v2["engine"] = { gpuLayers };
  if (minImageTokens !== undefined || maxImageTokens !== undefined) v2["imageTokens"] = { min: minImageTokens, max: maxImageTokens };
  if (typeof endpointUrl === "string") v2["endpoint"] = { preset: "custom", baseUrl: endpointUrl, model: endpointModel ?? "default" };
  return { value: v2, fromVersion: version, notes: [`migrated from settings version ${version} to ${SETTINGS_VERSION}`] };
}
