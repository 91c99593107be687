import { freemem, totalmem } from "node:os";
import type { HardwareInfo } from "./HardwareInfo.js";

/**
 * Asks node-llama-cpp which GPU backend its prebuilt binaries can use here and how much VRAM is
 * free. Never builds or downloads anything; on any failure it reports CPU only.
 */
export async function detectHardware(): Promise<HardwareInfo> {
  const ram = { ramTotal: totalmem(), ramFree: freemem() };
  try {
    const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
    const llama = await getLlama({ gpu: "auto", build: "never", skipDownload: true, progressLogs: false, logLevel: LlamaLogLevel.error });
    try {
      if (llama.gpu === false) return { gpu: false, gpuNames: [], vramTotal: 0, vramFree: 0, unifiedMemory: false, ...ram };
      const vram = await llama.getVramState();
      const gpuNames = await llama.getGpuDeviceNames();
      return { gpu: llama.gpu, gpuNames, vramTotal: vram.total, vramFree: vram.free, unifiedMemory: vram.unifiedSize > 0, ...ram };
    } finally {
      await llama.dispose();
    }
  } catch {
    return { gpu: false, gpuNames: [], vramTotal: 0, vramFree: 0, unifiedMemory: false, ...ram };
  }
}
