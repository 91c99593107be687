import { freemem, totalmem } from "node:os";
import { backendOfDevice } from "../vision/EngineReport.js";
import type { EngineProbe } from "../vision/hostProtocol.js";
import { probeEngine } from "../vision/probeEngine.js";
import type { HardwareInfo } from "../platform/HardwareInfo.js";

/**
 * What the engine would run on here, asked of the engine itself (a short-lived engine host: the
 * same addon, backend libraries and device choice a model load gets), with free memory. A Vulkan
 * loader with no device, or with only a software device, is no GPU. Never builds or downloads
 * anything; when the engine cannot start, it reports CPU only and says why.
 */
export async function detectHardware(probe: () => Promise<EngineProbe> = probeEngine): Promise<HardwareInfo> {
  const ram = { ramTotal: totalmem(), ramFree: freemem() };
  const none = (notes: readonly string[]): HardwareInfo => ({
    gpu: false,
    gpuNames: [],
    vramTotal: 0,
    vramFree: 0,
    unifiedMemory: false,
    gpuNotes: notes,
    ...ram,
  });
  let found: EngineProbe;
  try {
    found = await probe();
  } catch (error) {
    return none([`the vision engine could not start to look for a GPU: ${(error as Error).message}`]);
  }
  const use = found.devices.filter((d) => found.use.includes(d.name));
  const backend = use.length > 0 ? backendOfDevice(use[0]!.name) : "cpu";
  if (backend === "cpu" || backend === "other") return none(found.notes.length > 0 ? found.notes : ["the engine found no GPU device"]);
  return {
    gpu: backend,
    gpuNames: use.map((d) => d.description),
    // llama.cpp splits the layers over every device it is given
    vramTotal: use.reduce((sum, d) => sum + d.memoryTotal, 0),
    vramFree: use.reduce((sum, d) => sum + d.memoryFree, 0),
    unifiedMemory: backend === "metal" || use.some((d) => d.type === "igpu"),
    gpuNotes: found.notes.filter((n) => use.some((d) => n.startsWith(d.name))),
    ...ram,
  };
}
