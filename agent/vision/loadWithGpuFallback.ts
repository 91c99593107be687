import { DeskPilotError } from "../errors/DeskPilotError.js";

/** Options for loadWithGpuFallback. */
export interface GpuFallbackOptions {
  /** Layers to try first; -1 = all. */
  readonly gpuLayers: number;
  /** The model's layer count (to turn -1 into a number to step down from). */
  readonly totalLayers: number;
  /** Told before each retry with fewer layers (or, last, the vision encoder moved to the CPU). */
  readonly onFallback?: (from: number, to: number, error: unknown, next: GpuPlacement) => void;
  /** `gpuLayers` was already tried and failed with this error: start with the next step. */
  readonly alreadyFailed?: unknown;
  /**
   * After the CPU-only text model, try once more with the vision encoder on the CPU too (mtmd
   * puts it on the GPU whenever there is one, and a large frame's activations may not fit).
   */
  readonly visionOnCpuLast?: boolean;
}

/** Where one attempt puts the model: text layers on the GPU, and whether the vision encoder runs there. */
export interface GpuPlacement {
  readonly gpuLayers: number;
  readonly visionGpu: boolean;
}

/**
 * A failure that means "not enough memory": a host crash while loading or warming up (llama.cpp
 * aborts on a failed GPU allocation, also in the first image's encode) or an allocation message.
 */
export function isOutOfMemory(error: unknown): boolean {
  const e = error as { code?: string; message?: string; how?: string };
  // Exit code 1 is the host's own JavaScript failing (an uncaught error), never llama.cpp running
  // out of memory, which aborts (a signal) or is killed; retrying with fewer layers cannot help.
  if (e.code === "ENGINE_CRASHED") return e.how !== "exit code 1";
  return /out of memory|failed to allocate|cudaMalloc|ErrorOutOfDeviceMemory|insufficient memory|unable to allocate/i.test(e.message ?? "");
}

/**
 * Loads with `gpuLayers`, and on an out-of-memory failure tries again with fewer layers
 * (all → 3/4 → 1/2 → 1/4 → CPU, then optionally the vision encoder on the CPU too), reporting
 * each step, instead of failing the first time.
 */
export async function loadWithGpuFallback<T>(
  load: (gpuLayers: number, placement: GpuPlacement) => Promise<T>,
  options: GpuFallbackOptions,
): Promise<{ model: T; gpuLayers: number; visionGpu: boolean }> {
  const all = options.totalLayers;
  const steps = options.gpuLayers === 0 ? [0] : [options.gpuLayers, ...[0.75, 0.5, 0.25].map((f) => Math.floor(all * f)), 0];
  const layerTries = steps.filter((n, i) => i === 0 || (n < effective(steps[0]!, all) && n !== steps[i - 1]));
  const tries: GpuPlacement[] = [
    ...layerTries.map((gpuLayers) => ({ gpuLayers, visionGpu: true })),
    ...(options.visionOnCpuLast ? [{ gpuLayers: 0, visionGpu: false }] : []),
  ];
  for (const [i, placement] of tries.entries()) {
    try {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the first load's own error, rethrown as it came
      if (i === 0 && options.alreadyFailed !== undefined) throw options.alreadyFailed;
      return { model: await load(placement.gpuLayers, placement), ...placement };
    } catch (error) {
      if (!isOutOfMemory(error)) throw error;
      const next = tries[i + 1];
      if (next === undefined) {
        const message = (error as Error).message;
        const where = placement.visionGpu ? `${placement.gpuLayers} GPU layers` : "the text model and the vision encoder on the CPU";
        throw new DeskPilotError(
          "OUT_OF_MEMORY",
          `the model does not fit in memory, not even with ${where} (${message}); choose a smaller model or quantisation, or lower maxImageTokens`,
          { cause: error },
        );
      }
      options.onFallback?.(placement.gpuLayers, next.gpuLayers, error, next);
    }
  }
  throw new DeskPilotError("OUT_OF_MEMORY", "no GPU layer count to try");
}

function effective(layers: number, all: number): number {
  return layers < 0 ? all + 1 : layers;
}
