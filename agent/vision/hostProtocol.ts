import type { AddonGenerateRequest, AddonLoadOptions } from "../../native/AddonTypes.js";
import type { EngineDevice } from "./chooseEngineDevices.js";
import type { GpuLayers } from "./VisionModel.js";

/** What an engine process finds before any model is loaded: its devices and which it would use. */
export interface EngineProbe {
  /** Every device ggml lists (the CPU included). */
  readonly devices: readonly EngineDevice[];
  /** The names of the GPU devices a load would offload to; [] when it would run on the CPU. */
  readonly use: readonly string[];
  /** The node-llama-cpp variant folder the GPU backend came from, when one was kept. */
  readonly gpuBackendDir?: string;
  /** Why a GPU backend or device is not used, one sentence each. */
  readonly notes: readonly string[];
}

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
  /** The devices and backend choice, without loading a model (EngineProbe). */
  | { type: "probe"; id: number }
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
