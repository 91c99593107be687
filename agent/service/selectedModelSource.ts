import type { ModelSource } from "../grounding/createGrounder.js";
import type { TokenBounds } from "../grounding/prepareGroundingFrame.js";
import type { ModelsApi, SettingsApi } from "../models/ModelsApi.js";

export type LoadableSource = Exclude<ModelSource, { kind: "oracle" }>;

/** The model the settings select (a remote endpoint, else the active local model) and their image-token bounds. */
export async function selectedModelSource(models: ModelsApi & SettingsApi): Promise<{ source: LoadableSource; bounds: TokenBounds }> {
  const { settings } = await models.getSettings();
  const bounds = { minImageTokens: settings.imageTokens.min, maxImageTokens: settings.imageTokens.max };
  const endpoint = settings.endpoint;
  if (endpoint) {
    return { source: { kind: "remote", endpoint: endpoint.baseUrl, model: endpoint.model, ...(endpoint.apiKey ? { apiKey: endpoint.apiKey } : {}) }, bounds };
  }
  const active = await models.activeModel();
  const { gpuLayers, threads } = settings.engine;
  return { source: { kind: "local", modelPath: active.modelPath, mmprojPath: active.mmprojPath, gpuLayers, ...(threads > 0 ? { threads } : {}) }, bounds };
}
