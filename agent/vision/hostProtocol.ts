import type { AddonGenerateRequest, AddonLoadOptions } from "../../native/AddonTypes.js";
import type { GpuLayers } from "./VisionModel.js";

/** Load options as the host takes them: GPU layers may still be "auto" (only the host sees the devices). */
export interface HostLoadOptions extends Omit<AddonLoadOptions, "gpuLayers"> {
  gpuLayers: GpuLayers;
  /** For "auto": text model size and layer count, to estimate what fits. */
  textBytes: number;
  textLayers: number;
  /** For "auto": bytes the GPU must keep free beside the text weights (mmproj + KV + compute; estimateGpuReserve). */
  reserveBytes?: number;
}

/** Parent → engine host. */
export type HostRequest =
  | { type: "load"; id: number; options: HostLoadOptions }
  | { type: "generate"; id: number; request: AddonGenerateRequest }
  | { type: "layout"; id: number; width: number; height: number }
  /** The buffers llama.cpp reported for the loaded model (AddonBuffer[]). */
  | { type: "memory"; id: number }
  | { type: "cancel"; id: number }
  | { type: "dispose"; id: number };

/** Engine host → parent. */
export type HostReply =
  | { type: "token"; id: number; text: string }
  | { type: "done"; id: number; value: unknown }
  | { type: "error"; id: number; error: { code: string; message: string } };
