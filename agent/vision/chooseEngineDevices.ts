import type { AddonDevice } from "../../native/AddonTypes.js";

/** A device as ggml lists it, with whether it is a software renderer (not a GPU at all). */
export interface EngineDevice extends AddonDevice {
  readonly software: boolean;
}

/** Mesa's llvmpipe/lavapipe, Google's SwiftShader and the like: Vulkan drivers that run on the CPU. */
const SOFTWARE_DEVICE = /\b(llvmpipe|lavapipe|softpipe|swiftshader)\b/i;

export function describeDevices(devices: readonly AddonDevice[]): EngineDevice[] {
  return devices.map((d) => ({ ...d, software: d.type !== "cpu" && SOFTWARE_DEVICE.test(d.description) }));
}

/**
 * The GPU devices the engine offloads to, and why any listed one is left out. ggml-vulkan hides
 * CPU-type devices unless GGML_VK_VISIBLE_DEVICES names them; even then a software device is
 * slower than ggml's own CPU backend, so it is used only when DESKPILOT_GPU names its backend.
 */
export function chooseEngineDevices(devices: readonly AddonDevice[], env: NodeJS.ProcessEnv = process.env): { use: EngineDevice[]; notes: string[] } {
  const asked = (env.DESKPILOT_GPU ?? "auto").toLowerCase();
  const use: EngineDevice[] = [];
  const notes: string[] = [];
  for (const d of describeDevices(devices)) {
    if (d.type !== "gpu" && d.type !== "igpu") continue;
    if (d.software && !d.name.toLowerCase().startsWith(asked)) {
      notes.push(
        `${d.name} (${d.description}) is a software device, slower than the CPU backend: not used unless DESKPILOT_GPU=${d.name.replace(/\d+$/, "").toLowerCase()}`,
      );
      continue;
    }
    use.push(d);
  }
  return { use, notes };
}
