import type { AddonPlacement } from "../../native/AddonTypes.js";
import type { EngineDevice } from "./chooseEngineDevices.js";

/** The GPU backends ggml names its devices after ("CUDA0", "Vulkan0", "MTL0"), or the CPU. */
export type EngineBackend = "cpu" | "cuda" | "vulkan" | "metal" | "other";

/**
 * What a loaded engine runs on, from the engine itself: the backend libraries it loaded, the
 * devices they found, where llama.cpp put the text layers and where mtmd runs the vision encoder.
 */
export interface EngineReport {
  /** The GPU backend that holds any part of the model; "cpu" when nothing is off the CPU. */
  readonly backend: EngineBackend;
  /** Every device ggml lists in the engine process (the CPU included). */
  readonly devices: readonly EngineDevice[];
  readonly text: {
    readonly layersOffloaded: number;
    readonly layersTotal: number;
    /** The devices holding the offloaded layers. */
    readonly devices: readonly string[];
  };
  /** The backend the vision encoder runs on: "CPU", "Vulkan0", … */
  readonly vision: { readonly backend: string };
  /** Why a GPU is not (fully) used, one sentence each; empty when everything is on a GPU. */
  readonly notes: readonly string[];
}

export function backendOfDevice(name: string): EngineBackend {
  const n = name.toLowerCase();
  if (n.startsWith("cuda")) return "cuda";
  if (n.startsWith("vulkan")) return "vulkan";
  if (n.startsWith("mtl") || n.startsWith("metal")) return "metal";
  if (n.startsWith("cpu")) return "cpu";
  return "other";
}

/** Puts the engine's placement and the notes gathered on the way (backends, devices, layer fit) together. */
export function engineReportOf(devices: readonly EngineDevice[], placement: AddonPlacement, notes: readonly string[]): EngineReport {
  const onGpu = [...placement.textDevices, ...(placement.visionBackend && backendOfDevice(placement.visionBackend) !== "cpu" ? [placement.visionBackend] : [])];
  const backend = onGpu.length > 0 ? backendOfDevice(onGpu[0]!) : "cpu";
  return {
    backend,
    devices,
    text: { layersOffloaded: placement.layersOffloaded, layersTotal: placement.layersTotal, devices: placement.textDevices },
    vision: { backend: placement.visionBackend || "CPU" },
    notes,
  };
}

const BACKEND_NAME: Record<EngineBackend, string> = { cpu: "CPU", cuda: "CUDA", vulkan: "Vulkan", metal: "Metal", other: "GPU" };

/**
 * One line: "Vulkan0: llvmpipe (LLVM 15.0.6, 256 bits), a software device, through Vulkan · text
 * layers on the GPU 3/3 · vision encoder on Vulkan0", or "CPU only · … · no usable GPU: …".
 */
export function formatEngineReport(r: EngineReport): string {
  const name = r.text.devices[0] ?? (r.vision.backend !== "CPU" ? r.vision.backend : undefined);
  const device = name === undefined ? undefined : r.devices.find((d) => d.name === name);
  const head =
    r.backend === "cpu" || !device
      ? "CPU only"
      : `${device.name}: ${device.description}${device.software ? ", a software device," : ""} through ${BACKEND_NAME[r.backend]}`;
  const text = `text layers on the GPU ${r.text.layersOffloaded}/${r.text.layersTotal}`;
  const vision = `vision encoder on ${r.vision.backend === "CPU" ? "the CPU" : r.vision.backend}`;
  return [head, text, vision, ...r.notes].join(" · ");
}
