import type { ModelCatalogEntry } from "./ModelCatalogEntry.js";

/** Bytes a loaded model pair needs, split the way llama.cpp allocates them. */
export interface MemoryNeed {
  readonly weights: number;
  readonly mmproj: number;
  /** f16 K and V for every layer at the context size. */
  readonly kvCache: number;
  /** Compute buffers and the vision encoder's activations at 4096 image tokens (measured order of magnitude, not exact). */
  readonly overhead: number;
  readonly total: number;
}

const OVERHEAD_BYTES = 1.0e9;

/** Memory a catalog model needs at `contextSize` tokens with `weightBytes` of text weights. */
export function estimateMemoryNeed(
  entry: Pick<ModelCatalogEntry, "layers" | "kvHeads" | "headDim">,
  weightBytes: number,
  mmprojBytes: number,
  contextSize = 8192,
): MemoryNeed {
  const kvCache = 2 * entry.layers * contextSize * entry.kvHeads * entry.headDim * 2;
  const total = weightBytes + mmprojBytes + kvCache + OVERHEAD_BYTES;
  return { weights: weightBytes, mmproj: mmprojBytes, kvCache, overhead: OVERHEAD_BYTES, total };
}
