import { prepareFrame } from "../frames/prepareFrame.js";
import type { HostedVisionModel } from "../vision/HostedVisionModel.js";

/**
 * Encodes one blank frame at the model's largest image-token count, when the model uses a GPU:
 * llama.cpp reserves the vision encoder's compute buffers on the first image (mtmd's own
 * warm-up uses a 46×46-token frame for Qwen2.5-VL, smaller than a 1440p screen's), so running
 * out of GPU memory shows up here, inside the load's fallback, instead of in the first request.
 * On the CPU nothing is reserved up front that could fail this way, so it is skipped.
 */
export async function warmUpVisionModel(model: HostedVisionModel, signal?: AbortSignal): Promise<void> {
  const loaded = model.loaded;
  const gpu = loaded?.devices.some((d) => d.type === "gpu" || d.type === "igpu") ?? false;
  if (!loaded || !gpu || (loaded.gpuLayers === 0 && !model.visionGpu)) return;
  // A square of whole 28-px cells at the token maximum: smart_resize leaves it as it is.
  const factor = model.files.patchSize * model.files.mergeSize;
  const side = Math.floor(Math.sqrt(model.maxImageTokens)) * factor;
  const data = new Uint8Array(side * side * 3).fill(128);
  const tokens = (side / factor) ** 2;
  const image = await prepareFrame({ data, width: side, height: side, channels: 3 }, { minImageTokens: tokens, maxImageTokens: tokens, factor });
  await model.generate({ image, messages: [{ role: "user", content: "." }], maxTokens: 1, ...(signal ? { signal } : {}) });
}
