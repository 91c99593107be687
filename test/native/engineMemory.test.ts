import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadVisionAddon } from "../../native/loadVisionAddon.js";
import type { AddonLoadOptions } from "../../native/AddonTypes.js";
import { summarizeEngineMemory } from "../../agent/vision/EngineMemory.js";
import { smartResize } from "../../agent/geometry/smartResize.js";
import { skipWithoutAddon, syntheticScreen, tinyModel } from "./support/tinyModel.js";

const MiB = 1024 ** 2;

// Issue 12, defect 6: llama.cpp sizes its compute buffer for one ubatch and that ubatch's logit
// rows (n_ubatch × 151,936 floats); the engine used n_ubatch = n_batch = 2048 and reserved 1.2 GB.
describe("the engine's buffers, as llama.cpp reports them", { skip: skipWithoutAddon() }, () => {
  const frame = smartResize(1280, 800, 1024, 4096);
  const image = { data: syntheticScreen(frame.width, frame.height), width: frame.width, height: frame.height };

  async function run(extra: Partial<AddonLoadOptions>) {
    const { addon } = loadVisionAddon();
    const { model, mmproj } = tinyModel();
    const engine = new addon.VisionModel();
    await engine.load({
      modelPath: model,
      mmprojPath: mmproj,
      gpuLayers: 0,
      contextSize: 8192,
      threads: 2,
      imageMinTokens: 1024,
      imageMaxTokens: 4096,
      warmup: false,
      ...extra,
    });
    try {
      const result = await engine.generate({
        id: 1,
        image,
        messages: [{ role: "user", content: `${addon.mediaMarker}Where is the blue button?` }],
        maxTokens: 8,
      });
      return { text: result.text, memory: summarizeEngineMemory(addon.buffers()) };
    } finally {
      await engine.dispose();
    }
  }

  test("the default compute buffer stays small, the KV cache is what the dims say, and the greedy answer is the old one", async () => {
    const now = await run({});
    // tiny: 2 layers × 8192 cells × 2 KV heads × 16 dims × 2 (K, V) × 2 bytes
    assert.equal(now.memory.kvCacheBytes, 2 * 8192 * 2 * 16 * 2 * 2);
    assert.ok(now.memory.computeBytes > 0 && now.memory.computeBytes < 32 * MiB, `text compute buffer ${(now.memory.computeBytes / MiB).toFixed(1)} MiB`);
    assert.ok(now.memory.visionComputeBytes > 0, "the vision encoder reserved its buffer on the first image");
    assert.ok(now.memory.weightsBytes > 0);
    const old = await run({ ubatchSize: 2048, outputsMax: 2048 });
    assert.ok(old.memory.computeBytes > 1000 * MiB, `the old parameters reserved ${(old.memory.computeBytes / MiB).toFixed(0)} MiB`);
    assert.equal(now.text, old.text, "a smaller ubatch and one logit row do not change the greedy answer");
  });
});
