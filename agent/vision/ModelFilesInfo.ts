import type { ModelShape } from "./estimateGpuReserve.js";

/** What the engine needs to know from the two headers. */
export interface ModelFilesInfo {
  /** The text GGUF's architecture (qwen2vl, qwen3vl, qwen3vlmoe, qwen35, qwen35moe) and the projector paired with it. */
  readonly architecture: string;
  readonly projector: string;
  /** Vision layers whose features llama.cpp appends to each image token (Qwen3-VL's DeepStack); 0 for Qwen2.5-VL. */
  readonly deepstackLayers: number;
  readonly textEmbd: number;
  readonly textLayers: number;
  readonly textBytes: number;
  readonly mmprojBytes: number;
  /** The sizes the GPU reserve is computed from (estimateGpuReserve). */
  readonly shape: ModelShape;
  readonly patchSize: number;
  readonly mergeSize: number;
  /** The default system prompt the GGUF chat template adds when the chat has none (Qwen: "You are a helpful assistant."). */
  readonly defaultSystemPrompt: string | undefined;
}
