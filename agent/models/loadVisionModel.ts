import type { AddonDevice } from "../../native/AddonTypes.js";
import { HostedVisionModel } from "../vision/HostedVisionModel.js";
import type { SpawnHost } from "../vision/HostChannel.js";
import { resolveGpuLayers } from "../vision/resolveGpuLayers.js";
import { validateModelFiles } from "../vision/validateModelFiles.js";
import type { GpuLayers, VisionModelOptions } from "../vision/VisionModel.js";
import { detectHardware } from "./detectHardware.js";
import { estimateGpuReserve } from "../vision/estimateGpuReserve.js";
import type { HardwareInfo } from "../platform/HardwareInfo.js";
import { isOutOfMemory, loadWithGpuFallback } from "../vision/loadWithGpuFallback.js";
import { recordEngineReport, type RecordedEngineReport } from "./engineReportLog.js";
import { warmUpVisionModel } from "./warmUpVisionModel.js";

export interface LoadVisionModelDeps {
  readonly spawnHost?: SpawnHost;
  /** Only asked after an out-of-memory failure with "auto", to know where "auto" started. */
  readonly detect?: () => Promise<HardwareInfo>;
  /** Told before each retry: show it to the user ("not enough GPU memory: retrying with 14 of 28 layers"). */
  readonly onFallback?: (message: string) => void;
  /** Where each successful load's engine report is kept (recordEngineReport); tests pass their own. */
  readonly record?: (entry: RecordedEngineReport) => void;
}

/**
 * HostedVisionModel.load with the out-of-memory fallback: the requested `gpuLayers` first, then,
 * if the engine ran out of memory (its host crashed or reported a failed allocation), fewer
 * layers step by step down to the CPU, and last the vision encoder on the CPU too, each step
 * reported, instead of failing the load. A model that uses the GPU is warmed up at the largest
 * frame it will be given inside each attempt, so running out of memory on the first image
 * (llama.cpp reserves the vision encoder's buffers there) is caught here, not in a request.
 */
export async function loadVisionModel(
  options: VisionModelOptions,
  deps: LoadVisionModelDeps = {},
): Promise<{ model: HostedVisionModel; gpuLayers: GpuLayers; visionGpu: boolean }> {
  const requested = options.gpuLayers ?? "auto";
  const load = async (gpuLayers: GpuLayers, visionGpu: boolean) => {
    const model = await HostedVisionModel.load({ ...options, gpuLayers, visionGpu }, deps.spawnHost);
    try {
      await warmUpVisionModel(model, options.signal);
    } catch (error) {
      await model.dispose().catch(() => undefined);
      throw error;
    }
    const report = model.loaded?.report;
    if (report) (deps.record ?? recordEngineReport)({ modelPath: options.modelPath, mmprojPath: options.mmprojPath, at: new Date().toISOString(), report });
    return model;
  };
  try {
    return { model: await load(requested, options.visionGpu ?? true), gpuLayers: requested, visionGpu: options.visionGpu ?? true };
  } catch (error) {
    if (!isOutOfMemory(error) || options.signal?.aborted) throw error;
    const files = validateModelFiles(options.modelPath, options.mmprojPath);
    const from = typeof requested === "number" ? requested : requested === "max" ? -1 : await autoLayers(files, options, deps.detect ?? detectHardware);
    const { model, gpuLayers, visionGpu } = await loadWithGpuFallback((n, placement) => load(n, placement.visionGpu), {
      gpuLayers: from,
      totalLayers: files.textLayers,
      alreadyFailed: error,
      visionOnCpuLast: options.visionGpu !== false,
      onFallback: (was, next, _error, placement) =>
        deps.onFallback?.(
          placement.visionGpu
            ? `not enough memory to load the model with ${was < 0 ? "all" : was} GPU layers: retrying with ${next} of ${files.textLayers}${next === 0 ? " (CPU only, slower)" : ""}`
            : "not enough GPU memory for the vision encoder at the largest frame: retrying with it on the CPU too (slower)",
        ),
    });
    return { model, gpuLayers, visionGpu };
  }
}

// What the engine host's "auto" picked: the same rule over the memory node-llama-cpp reports.
async function autoLayers(files: ReturnType<typeof validateModelFiles>, options: VisionModelOptions, detect: () => Promise<HardwareInfo>): Promise<number> {
  const hw = await detect();
  if (hw.gpu === false) return 0;
  const device: AddonDevice = { name: "gpu0", description: hw.gpuNames[0] ?? "", type: "gpu", memoryFree: hw.vramFree, memoryTotal: hw.vramTotal };
  const reserve = estimateGpuReserve(files.shape, files.mmprojBytes, options.contextSize ?? 8192, options.maxImageTokens ?? 4096).total;
  return resolveGpuLayers("auto", [device], files.textBytes, files.textLayers, reserve);
}
