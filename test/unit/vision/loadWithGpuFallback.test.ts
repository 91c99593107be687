import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { loadWithGpuFallback } from "../../../agent/vision/loadWithGpuFallback.js";
import { EngineCrashedError } from "../../../agent/vision/errors/EngineCrashedError.js";
import { EngineError } from "../../../agent/vision/errors/EngineError.js";

/** A loader that runs out of memory above `fits` layers (all = -1 counts as 29). */
function fakeLoader(fits: number, failure: () => Error) {
  const tried: number[] = [];
  return {
    tried,
    load: async (layers: number) => {
      tried.push(layers);
      if ((layers < 0 ? 29 : layers) > fits) throw failure();
      return { layers };
    },
  };
}

describe("loadWithGpuFallback", () => {
  test("a host crash on load (llama.cpp abort on a GPU allocation) steps down until it fits", async () => {
    const l = fakeLoader(14, () => new EngineCrashedError("the engine host exited with SIGABRT"));
    const steps: string[] = [];
    const r = await loadWithGpuFallback(l.load, { gpuLayers: -1, totalLayers: 28, onFallback: (from, to) => steps.push(`${from}->${to}`) });
    assert.deepEqual(l.tried, [-1, 21, 14]);
    assert.equal(r.gpuLayers, 14);
    assert.deepEqual(steps, ["-1->21", "21->14"]);
  });

  test("an allocation error message also counts; the last resort is the CPU", async () => {
    const l = fakeLoader(
      0,
      () => new EngineError("LOAD_FAILED", "ggml_backend_cuda_buffer_type_alloc_buffer: allocating 4000 MiB on device 0: cudaMalloc failed: out of memory"),
    );
    const r = await loadWithGpuFallback(l.load, { gpuLayers: 20, totalLayers: 28 });
    assert.deepEqual(l.tried, [20, 14, 7, 0]);
    assert.equal(r.gpuLayers, 0);
  });

  test("other failures are not retried", async () => {
    const l = fakeLoader(0, () => new EngineError("LOAD_FAILED", "unknown model architecture: 'llama4'"));
    await assert.rejects(loadWithGpuFallback(l.load, { gpuLayers: -1, totalLayers: 28 }), /llama4/);
    assert.deepEqual(l.tried, [-1]);
  });

  test("out of memory even on the CPU is one clear error", async () => {
    const l = fakeLoader(-5, () => new EngineCrashedError("killed"));
    await assert.rejects(loadWithGpuFallback(l.load, { gpuLayers: 8, totalLayers: 28 }), { code: "OUT_OF_MEMORY", message: /smaller model/ });
    assert.deepEqual(l.tried, [8, 7, 0]);
  });
});
