import type { AddonDevice } from "../../native/AddonTypes.js";
import type { GpuLayers } from "./VisionModel.js";

const RESERVE_BYTES = 1.5 * 1024 ** 3; // KV cache, compute buffers and the vision encoder

/** Turns "max"/"auto" into a layer count for llama.cpp (-1 = all) from the devices the host sees. */
export function resolveGpuLayers(requested: GpuLayers, devices: readonly AddonDevice[], textBytes: number, textLayers: number): number {
  if (typeof requested === "number") return requested;
  if (requested === "max") return -1;
  const gpus = devices.filter((d) => d.type === "gpu" || d.type === "igpu");
  if (gpus.length === 0) return 0;
  const free = Math.max(...gpus.map((d) => d.memoryFree)) - RESERVE_BYTES;
  if (free >= textBytes * 1.1) return -1;
  return Math.max(0, Math.floor((textLayers * free) / (textBytes * 1.1)));
}
