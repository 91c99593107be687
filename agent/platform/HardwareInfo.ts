/** What the machine offers a model: the GPU backend and devices the engine would use, and free memory. */
export interface HardwareInfo {
  /** false: CPU only. */
  readonly gpu: false | "cuda" | "vulkan" | "metal";
  readonly gpuNames: readonly string[];
  readonly vramTotal: number;
  readonly vramFree: number;
  /** Apple silicon and some iGPUs: the GPU's memory is the RAM, so do not count it twice. */
  readonly unifiedMemory: boolean;
  /** Why there is no usable GPU (or why a device found is left out), one sentence each. */
  readonly gpuNotes: readonly string[];
  readonly ramTotal: number;
  readonly ramFree: number;
}
