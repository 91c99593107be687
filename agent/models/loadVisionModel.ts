import type { AddonDevice } from "../../native/AddonTypes.js";
import { HostedVisionModel } from "../vision/HostedVisionModel.js";
import type { SpawnHost } from "../vision/HostChannel.js";
import { resolveGpuLayers } from "../vision/resolveGpuLayers.js";
import { validateModelFiles } from "../vision/validateModelFiles.js";
import type { GpuLayers, VisionModelOptions } from "../vision/VisionModel.js";
import { detectHardware } from "./detectHardware.js";
import type { HardwareInfo } from "./HardwareInfo.js";
import { isOutOfMemory, loadWithGpuFallback } from "./loadWithGpuFallback.js";

export interface LoadVisionModelDeps {
  readonly spawnHost?: SpawnHost;
  /** Only asked after an out-of-memory failure with "auto", to know where "auto" started. */
  readonly detect?: () => Promise<HardwareInfo>;
  /** Told before each retry: show it to the user ("not enough GPU memory: retrying with 14 of 28 layers"). */
  readonly onFallback?: (message: string) => void;
}

/**
 * HostedVisionModel.load with the out-of-memory fallback: the requested `gpuLayers` first, then,
 * if the engine ran out of memory (its host crashed or reported a failed allocation), fewer
 * layers step by step down to the CPU, each step reported, instead of failing the load.
 */
export async function loadVisionModel(options: VisionModelOptions, deps: LoadVisionModelDeps = {}): Promise<{ model: HostedVisionModel; gpuLayers: GpuLayers }> {
  const requested = options.gpuLayers ?? "auto";
  const load = (gpuLayers: GpuLayers) => HostedVisionModel.load({ ...options, gpuLayers }, deps.spawnHost);
  try {
    return { model: await load(requested), gpuLayers: requested };
  } catch (error) {
    if (requested === 0 || !isOutOfMemory(error) || options.signal?.aborted) throw error;
    const files = validateModelFiles(options.modelPath, options.mmprojPath);
    const from = typeof requested === "number" ? requested : requested === "max" ? -1 : await autoLayers(files, deps.detect ?? detectHardware);
    return loadWithGpuFallback((n) => load(n), {
      gpuLayers: from,
      totalLayers: files.textLayers,
      alreadyFailed: error,
      onFallback: (was, next) => deps.onFallback?.(`not enough memory to load the model with ${was < 0 ? "all" : was} GPU layers: retrying with ${next} of ${files.textLayers}${next === 0 ? " (CPU only, slower)" : ""}`),
    });
  }
}

// What the engine host's "auto" picked: the same rule over the memory node-llama-cpp reports.
async function autoLayers(files: { textBytes: number; textLayers: number }, detect: () => Promise<HardwareInfo>): Promise<number> {
  const hw = await detect();
  if (hw.gpu === false) return 0;
  const device: AddonDevice = { name: "gpu0", description: hw.gpuNames[0] ?? "", type: "gpu", memoryFree: hw.vramFree, memoryTotal: hw.vramTotal };
  return resolveGpuLayers("auto", [device], files.textBytes, files.textLayers);
}
