import { stat } from "node:fs/promises";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import type { ModelSource } from "./createGrounder.js";
import type { TokenBounds } from "../frames/TokenBounds.js";
import type { ModelsApi, SettingsApi } from "../models/ModelsApi.js";

export type LoadableSource = Exclude<ModelSource, { kind: "oracle" }>;

/** The model the settings select (a remote endpoint, else the active local model) and their image-token bounds. */
export async function selectedModelSource(models: ModelsApi & SettingsApi): Promise<{ source: LoadableSource; bounds: TokenBounds }> {
  const { settings } = await models.getSettings();
  const bounds = { minImageTokens: settings.imageTokens.min, maxImageTokens: settings.imageTokens.max };
  const endpoint = settings.endpoint;
  if (endpoint) {
    const choice = { ...(endpoint.profile ? { profile: endpoint.profile } : {}), ...(endpoint.coordinates ? { coordinates: endpoint.coordinates } : {}) };
    return {
      source: { kind: "remote", endpoint: endpoint.baseUrl, model: endpoint.model, ...(endpoint.apiKey ? { apiKey: endpoint.apiKey } : {}), ...choice },
      bounds,
    };
  }
  const active = await models.activeModel();
  const { gpuLayers, threads, contextSize } = settings.engine;
  const choice = { profile: active.profile, ...(active.coordinates ? { coordinates: active.coordinates } : {}) };
  return {
    source: {
      kind: "local",
      modelPath: active.modelPath,
      mmprojPath: active.mmprojPath,
      gpuLayers,
      contextSize,
      ...(threads > 0 ? { threads } : {}),
      ...choice,
    },
    bounds,
  };
}

/** Codes of a model that cannot be loaded because of what is (not) on this machine. */
export const MODEL_MISSING_CODES = ["MODEL_NOT_INSTALLED", "UNKNOWN_MODEL"] as const;

/**
 * Fails fast, before a run starts, when the selected local model cannot be loaded: not
 * downloaded, not in the catalog, or its chosen files gone. The error keeps the models slice's
 * code (MODEL_NOT_INSTALLED, UNKNOWN_MODEL) and says what to do in the panel and on the terminal.
 * A remote endpoint is not contacted here: whether it answers is known only by asking.
 */
export async function assertSelectedModelLoadable(models: ModelsApi & SettingsApi): Promise<void> {
  let source: LoadableSource;
  try {
    ({ source } = await selectedModelSource(models));
  } catch (error) {
    if (error instanceof DeskPilotError && (MODEL_MISSING_CODES as readonly string[]).includes(error.code)) {
      throw new DeskPilotError(error.code, `No run started: ${error.message}. In the control panel, download a model on the Models screen.`, { cause: error });
    }
    throw error;
  }
  if (source.kind === "local") await assertModelFilesExist(source);
}

/** Fails with MODEL_NOT_INSTALLED, before anything loads, when a local model's text or projector file is not there. */
export async function assertModelFilesExist(source: Extract<LoadableSource, { kind: "local" }>): Promise<void> {
  for (const [what, file] of [
    ["model", source.modelPath],
    ["vision projector (mmproj)", source.mmprojPath],
  ] as const) {
    const found = await stat(file).catch(() => undefined);
    if (!found?.isFile()) {
      throw new DeskPilotError(
        "MODEL_NOT_INSTALLED",
        `No run started: the ${what} file ${file} does not exist. Choose existing files (Models screen, \`deskpilot models use\`), or download a model: \`deskpilot models pull qwen2.5-vl-3b\`.`,
      );
    }
  }
}
