import { loadVisionModel as loadLocalModel } from "../models/loadVisionModel.js";
import { assertUrlAllowed } from "../net/networkGuard.js";
import type { GpuLayers } from "../vision/VisionModel.js";
import { resolveContextSize, type ContextSizeSetting } from "../vision/contextBudget.js";
import type { FrameAnswerer } from "../grounding/FrameAnswerer.js";
import type { Grounder } from "../grounding/Grounder.js";
import { ModelGrounder } from "../grounding/ModelGrounder.js";
import { OracleAnswerer, type OracleTarget } from "../grounding/OracleAnswerer.js";
import { withModelGrid, type TokenBounds } from "../frames/TokenBounds.js";
import { gridFactor } from "../geometry/frameGrid.js";
import { OpenAiVisionModel } from "../grounding/remote/OpenAiVisionModel.js";
import { VisionModelAnswerer } from "../grounding/VisionModelAnswerer.js";
import type { VisionModel } from "../vision/VisionModel.js";
import type { SpawnHost } from "../vision/HostChannel.js";
import { profileOf, type ProfileChoice } from "../profiles/sourceProfile.js";

/** Where answers come from: the local engine, a remote endpoint, or the stated test oracle. Each model says its profile and coordinate space. */
export type ModelSource =
  | ({
      readonly kind: "local";
      readonly modelPath: string;
      readonly mmprojPath: string;
      readonly gpuLayers?: GpuLayers;
      readonly threads?: number;
      /** The engine's context in tokens, or "auto" (the default): sized for the agent's window at the largest frame (contextBudget). */
      readonly contextSize?: ContextSizeSetting;
    } & ProfileChoice)
  | ({
      readonly kind: "remote";
      readonly endpoint: string;
      readonly model: string;
      readonly apiKey?: string;
      readonly timeoutMs?: number;
      readonly retries?: number;
      readonly sendGrammar?: boolean;
    } & ProfileChoice)
  | { readonly kind: "oracle"; readonly targets: readonly OracleTarget[] };

/**
 * Loads the vision model a source names (not for the oracle, which has none). A remote endpoint
 * is checked against local-only mode first, so a refusal says so instead of "cannot connect";
 * a local model that runs out of GPU memory is retried with fewer layers, each step told.
 */
export async function openVisionModel(
  source: Exclude<ModelSource, { kind: "oracle" }>,
  bounds: TokenBounds,
  signal?: AbortSignal,
  notify: (message: string) => void = (m) => process.stderr.write(`deskpilot: ${m}\n`),
  /** How a local model's engine host starts (default: a Node child; Electron passes a utilityProcess). */
  spawnHost?: SpawnHost,
): Promise<VisionModel> {
  if (source.kind === "remote") {
    assertUrlAllowed(source.endpoint, "the model endpoint");
    // The server's model encodes on its family's grid; frames are prepared and checked on it.
    return new OpenAiVisionModel({
      endpoint: source.endpoint,
      model: source.model,
      apiKey: source.apiKey,
      bounds: withModelGrid(bounds, gridFactor(profileOf(source).profile.grid)),
      sendGrammar: source.sendGrammar,
      retry: { ...(source.timeoutMs ? { timeoutMs: source.timeoutMs } : {}), ...(source.retries !== undefined ? { retries: source.retries } : {}) },
    });
  }
  const { model } = await loadLocalModel(
    {
      modelPath: source.modelPath,
      mmprojPath: source.mmprojPath,
      gpuLayers: source.gpuLayers ?? "auto",
      threads: source.threads,
      // Frames come prepared at their own bounds (the policy's crops are smaller than `bounds`), so
      // the engine takes the model's default minimum and only the maximum is the caller's.
      contextSize: resolveContextSize(source.contextSize, bounds.maxImageTokens),
      maxImageTokens: bounds.maxImageTokens,
      warmup: false,
      signal,
    },
    { onFallback: notify, ...(spawnHost ? { spawnHost } : {}) },
  );
  return model;
}

/** What answers for the source; the image-token bounds are the same for preparation and the model. */
export async function createAnswerer(source: ModelSource, bounds: TokenBounds, signal?: AbortSignal, spawnHost?: SpawnHost): Promise<FrameAnswerer> {
  if (source.kind === "oracle") return new OracleAnswerer(source.targets, bounds);
  const model = await openVisionModel(source, bounds, signal, undefined, spawnHost);
  const { profile, coordinates } = profileOf(source);
  return new VisionModelAnswerer(model, bounds, source.kind === "local" || source.sendGrammar === true, profile, coordinates);
}

/** A Grounder over the source. */
export async function createGrounder(source: ModelSource, bounds: TokenBounds, signal?: AbortSignal): Promise<Grounder> {
  return new ModelGrounder(await createAnswerer(source, bounds, signal));
}
