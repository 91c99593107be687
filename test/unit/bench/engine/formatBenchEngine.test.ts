import { test } from "node:test";
import assert from "node:assert/strict";
import type { BenchEngineReport } from "../../../../agent/bench/engine/benchEngine.js";
import { formatBenchEngine } from "../../../../agent/bench/engine/formatBenchEngine.js";
import { summarizeEngineMemory } from "../../../../agent/vision/EngineMemory.js";

const MiB = 1024 ** 2;

test("bench engine reports the engine's KV-cache and compute-buffer sizes from llama.cpp's own reports", () => {
  // What the addon collected from the tiny model's load and first image (llama.cpp's log lines).
  const memory = summarizeEngineMemory([
    { source: "load_tensors", backend: "CPU_Mapped", kind: "model", bytes: 18.69 * MiB },
    { source: "llama_context", backend: "CPU", kind: "output", bytes: 1.16 * MiB },
    { source: "llama_kv_cache", backend: "CPU", kind: "KV", bytes: 2 * MiB },
    { source: "sched_reserve", backend: "CPU", kind: "compute", bytes: 9.02 * MiB },
    { source: "reserve_compute_meta", backend: "CPU", kind: "compute", bytes: 174.98 * MiB },
  ]);
  assert.deepEqual(
    { kv: memory.kvCacheBytes, text: memory.computeBytes, vision: memory.visionComputeBytes, output: memory.outputBytes, weights: memory.weightsBytes },
    { kv: 2 * MiB, text: 9.02 * MiB, vision: 174.98 * MiB, output: 1.16 * MiB, weights: 18.69 * MiB },
  );
  const phases = { encodeMs: 1, textMs: 2, totalMs: 3 };
  const { buffers: _, ...sizes } = memory;
  const report: BenchEngineReport = {
    frame: { width: 1316, height: 812, tokens: 1363 },
    runs: 3,
    ours: { ...phases, prefillMs: 1, decodeMs: 1, generatedTokens: 8 },
    theirs: { ...phases, loadMs: 5 },
    ratio: 1,
    sameText: true,
    memory: sizes,
    placement: {
      backend: "vulkan",
      devices: [
        { name: "CPU", description: "AMD EPYC", type: "cpu", memoryFree: 0, memoryTotal: 0, software: false },
        { name: "Vulkan0", description: "AMD Radeon RX 7600 (RADV NAVI33)", type: "gpu", memoryFree: 7e9, memoryTotal: 8e9, software: false },
      ],
      text: { layersOffloaded: 30, layersTotal: 37, devices: ["Vulkan0"] },
      vision: { backend: "Vulkan0" },
      notes: ["6.5 GB of GPU memory free is not enough for the whole text model: 30 of 37 layers on the GPU"],
    },
  };
  const text = formatBenchEngine(report);
  // what the engine ran on, said once, with why it is not all on the GPU
  assert.match(
    text,
    /^engine: Vulkan0: AMD Radeon RX 7600 \(RADV NAVI33\) through Vulkan · text layers on the GPU 30\/37 · vision encoder on Vulkan0 · 6\.5 GB of GPU memory free is not enough/m,
  );
  assert.match(text, /KV cache 2\.0 MiB, compute 9\.0 MiB \(text\) \+ 175\.0 MiB \(vision\), output 1\.2 MiB/);
  // --json prints the report itself: the sizes are additive fields in bytes
  assert.equal(JSON.parse(JSON.stringify(report)).memory.kvCacheBytes, 2 * MiB);
  assert.equal(JSON.parse(JSON.stringify(report)).placement.text.layersOffloaded, 30);
});
