import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveGpuLayers } from "../../agent/vision/resolveGpuLayers.js";
import type { AddonDevice } from "../../native/AddonTypes.js";

const GiB = 1024 ** 3;
const cpu: AddonDevice = { name: "CPU", description: "cpu", type: "cpu", memoryFree: 64 * GiB, memoryTotal: 64 * GiB };
const gpu = (freeGiB: number): AddonDevice => ({ name: "CUDA0", description: "H100", type: "gpu", memoryFree: freeGiB * GiB, memoryTotal: 80 * GiB });

test("gpuLayers: numbers pass through, max is all, auto fits what the GPU holds", () => {
  assert.equal(resolveGpuLayers(12, [cpu], 4 * GiB, 36), 12);
  assert.equal(resolveGpuLayers("max", [cpu], 4 * GiB, 36), -1);
  assert.equal(resolveGpuLayers("auto", [cpu], 4 * GiB, 36), 0);
  assert.equal(resolveGpuLayers("auto", [cpu, gpu(78)], 4 * GiB, 36), -1);
  const partial = resolveGpuLayers("auto", [cpu, gpu(3.5)], 4 * GiB, 36);
  assert.ok(partial > 0 && partial < 36, `partial offload, got ${partial}`);
  assert.equal(resolveGpuLayers("auto", [cpu, gpu(1)], 4 * GiB, 36), 0);
});
