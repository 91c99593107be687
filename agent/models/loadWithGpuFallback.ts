import { DeskPilotError } from "../errors/DeskPilotError.js";

/** Options for loadWithGpuFallback. */
export interface GpuFallbackOptions {
  /** Layers to try first; -1 = all. */
  readonly gpuLayers: number;
  /** The model's layer count (to turn -1 into a number to step down from). */
  readonly totalLayers: number;
  /** Told before each retry with fewer layers. */
  readonly onFallback?: (from: number, to: number, error: unknown) => void;
  /** `gpuLayers` was already tried and failed with this error: start with the next step. */
  readonly alreadyFailed?: unknown;
}

/** A load failure that means "not enough memory": a host crash during load (llama.cpp aborts on a failed GPU allocation) or an allocation message. */
export function isOutOfMemory(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e.code === "ENGINE_CRASHED") return true;
  return /out of memory|failed to allocate|cudaMalloc|ErrorOutOfDeviceMemory|insufficient memory|unable to allocate/i.test(e.message ?? "");
}

/**
 * Loads with `gpuLayers`, and on an out-of-memory failure tries again with fewer layers
 * (all → 3/4 → 1/2 → 1/4 → CPU), reporting each step, instead of failing the first time.
 */
export async function loadWithGpuFallback<T>(load: (gpuLayers: number) => Promise<T>, options: GpuFallbackOptions): Promise<{ model: T; gpuLayers: number }> {
  const all = options.totalLayers;
  const steps = options.gpuLayers === 0 ? [0] : [options.gpuLayers, ...[0.75, 0.5, 0.25].map((f) => Math.floor(all * f)), 0];
  const tries = steps.filter((n, i) => i === 0 || (n < effective(steps[0]!, all) && n !== steps[i - 1]));
  for (const [i, layers] of tries.entries()) {
    try {
      if (i === 0 && options.alreadyFailed !== undefined) throw options.alreadyFailed;
      return { model: await load(layers), gpuLayers: layers };
    } catch (error) {
      if (!isOutOfMemory(error)) throw error;
      const next = tries[i + 1];
      if (next === undefined) {
        const message = (error as Error).message;
        throw new DeskPilotError("OUT_OF_MEMORY", `the model does not fit in memory, not even with ${layers} GPU layers (${message}); choose a smaller model or quantisation`, { cause: error });
      }
      options.onFallback?.(layers, next, error);
    }
  }
  throw new DeskPilotError("OUT_OF_MEMORY", "no GPU layer count to try");
}

function effective(layers: number, all: number): number {
  return layers < 0 ? all + 1 : layers;
}
