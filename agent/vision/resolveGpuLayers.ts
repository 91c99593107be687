import type { AddonDevice } from "../../native/AddonTypes.js";
import type { GpuLayers } from "./VisionModel.js";

/** What "auto" keeps free when the caller cannot say (mmproj, KV cache, compute buffers): the old fixed guess. */
const DEFAULT_RESERVE_BYTES = 1.5 * 1024 ** 3;

/**
 * Turns "max"/"auto" into a layer count for llama.cpp (-1 = all) from the devices the host sees;
 * `reserveBytes` is what the rest of the engine needs on the GPU (estimateGpuReserve).
 */
export function resolveGpuLayers(
  requested: GpuLayers,
  devices: readonly AddonDevice[],
  textBytes: number,
  textLayers: number,
  reserveBytes = DEFAULT_RESERVE_BYTES,
): number {
  if (typeof requested === "number") return requested;
  if (requested === "max") return -1;
  const gpus = devices.filter((d) => d.type === "gpu" || d.type === "igpu");
  if (gpus.length === 0) return 0;
  const free = Math.max(...gpus.map((d) => d.memoryFree)) - reserveBytes;
  if (free >= textBytes * 1.1) return -1;
  return Math.max(0, Math.floor((textLayers * free) / (textBytes * 1.1)));
}
