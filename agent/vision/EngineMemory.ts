import type { AddonBuffer } from "../../native/AddonTypes.js";

/** What a loaded engine holds in memory, in bytes, from llama.cpp's and mtmd's own allocation reports. */
export interface EngineMemory {
  /** Text weights (every backend's model buffers; mmap'd CPU weights included). */
  readonly weightsBytes: number;
  /** The text model's KV cache at its context size. */
  readonly kvCacheBytes: number;
  /** The text model's compute buffers (one ubatch's worst-case graph). */
  readonly computeBytes: number;
  /** The logits/output buffer. */
  readonly outputBytes: number;
  /** The vision encoder's compute buffers, once reserved (warm-up or the first image); 0 before. */
  readonly visionComputeBytes: number;
  /** Every reported buffer, as llama.cpp named it. */
  readonly buffers: readonly AddonBuffer[];
}

/** Sums the host's buffer reports into the figures `deskpilot bench engine` prints. */
export function summarizeEngineMemory(buffers: readonly AddonBuffer[]): EngineMemory {
  const sum = (pick: (b: AddonBuffer) => boolean) => buffers.filter(pick).reduce((total, b) => total + b.bytes, 0);
  const vision = (b: AddonBuffer) => b.source.startsWith("reserve_compute_meta") || b.source.startsWith("clip");
  return {
    weightsBytes: sum((b) => b.kind === "model" && !vision(b)),
    kvCacheBytes: sum((b) => b.kind === "KV"),
    computeBytes: sum((b) => b.kind === "compute" && !vision(b)),
    outputBytes: sum((b) => b.kind === "output"),
    visionComputeBytes: sum((b) => b.kind === "compute" && vision(b)),
    buffers,
  };
}
