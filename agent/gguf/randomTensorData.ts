import { GgmlType, typeLayout } from "./GgmlType.js";
import { encodeTensor } from "./encodeTensor.js";
import type { TensorData } from "./GgufWriter.js";

// A prime number of blocks, so consecutive rows of any width start at different pool offsets
// and no two rows of a tensor are equal; the pool is encoded once per (type, scale).
const POOL_BLOCKS = 200_003; // prime, and more than the 151,936 rows of the embedding
const pools = new Map<string, Buffer>();

/** Deterministic PRNG (mulberry32): the same seed gives the same model. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pool(type: GgmlType, scale: number): Buffer {
  const key = `${type}:${scale}`;
  let p = pools.get(key);
  if (!p) {
    const { blockElements } = typeLayout(type);
    const rand = mulberry32(0x5eed ^ Math.round(scale * 1e6));
    const values = new Float32Array(POOL_BLOCKS * blockElements);
    for (let i = 0; i < values.length; i++) values[i] = (rand() * 2 - 1) * scale;
    p = encodeTensor(values, type);
    pools.set(key, p);
  }
  return p;
}

/** Uniform random values in [-scale, scale], streamed from a shared pool at a seed-chosen offset. */
export function randomTensorData(type: GgmlType, elements: number, scale: number, seed: number): TensorData {
  return function* () {
    const { blockElements, blockBytes } = typeLayout(type);
    const p = pool(type, scale);
    let remaining = (elements / blockElements) * blockBytes;
    let at = (Math.floor(mulberry32(seed)() * POOL_BLOCKS) * blockBytes) % p.length;
    while (remaining > 0) {
      const n = Math.min(remaining, p.length - at);
      yield p.subarray(at, at + n);
      remaining -= n;
      at = 0;
    }
  };
}

/** A tensor of one repeated value (norm weights of 1). */
export function constantTensorData(type: GgmlType, elements: number, value: number): TensorData {
  return function* () {
    const chunk = Math.min(elements, 1 << 16);
    const block = encodeTensor(new Float32Array(chunk).fill(value), type);
    const perElement = block.length / chunk;
    let remaining = elements;
    while (remaining > 0) {
      const n = Math.min(remaining, chunk);
      yield block.subarray(0, n * perElement);
      remaining -= n;
    }
  };
}
