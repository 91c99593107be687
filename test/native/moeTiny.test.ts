import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { inspectGgufFile } from "../../agent/models/inspectGgufFile.js";
import { readQwen3VlAnswer } from "../../agent/profiles/qwen3vl/readQwen3VlAnswer.js";
import { ModelFileError } from "../../agent/vision/errors/ModelFileError.js";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { validateModelFiles } from "../../agent/vision/validateModelFiles.js";
import { answerQwen3VlCapture } from "./support/qwen3VlCapture.js";
import { skipWithoutAddon, tinyQwen35MoeModel, tinyQwen35Model, tinyQwen3VlMoeModel } from "./support/tinyModel.js";

const skip = skipWithoutAddon();

// The MoE variants users run beside the dense ones (Qwen3-VL-30B-A3B: llama.cpp `qwen3vlmoe`;
// Qwen3.5-35B-A3B: `qwen35moe`) keep the dense model's vision tower, projector and prompts; only
// each layer's FFN is routed experts. The tiny pairs route 2 of 4 experts of width 32; the Qwen3.5
// one adds a shared expert of width 48 (presets "tiny-moe").
const cases = [
  { name: "Qwen3-VL MoE", pair: tinyQwen3VlMoeModel, architecture: "qwen3vlmoe", deepstack: 2, memory: "kv", ffn: 2 * 32 },
  { name: "Qwen3.5 MoE", pair: tinyQwen35MoeModel, architecture: "qwen35moe", deepstack: 0, memory: "hybrid", ffn: 2 * 32 + 48 },
] as const;

for (const c of cases) {
  describe(`the tiny ${c.name} pair through the engine (native addon)`, { skip }, () => {
    let model: HostedVisionModel;
    before(async () => {
      const { model: modelPath, mmproj: mmprojPath } = c.pair();
      model = await HostedVisionModel.load({
        modelPath,
        mmprojPath,
        gpuLayers: 0,
        contextSize: 4400,
        warmup: false,
        minImageTokens: 1024,
        maxImageTokens: 4096,
      });
    });
    after(async () => {
      await model?.dispose();
    });

    test(`loads as ${c.architecture} with Qwen3-VL's projector on a 32-px grid, ${c.deepstack} DeepStack layers and a ${c.memory} memory`, () => {
      assert.equal(model.files.architecture, c.architecture);
      assert.equal(model.files.projector, "qwen3vl_merger");
      assert.equal(model.frameFactor, 32);
      assert.equal(model.files.deepstackLayers, c.deepstack);
      assert.equal(model.loaded?.nEmbd, 64);
      assert.equal(model.loaded?.memory, c.memory);
    });

    test("a 1920x1080 capture encodes at 1920x1088 (60·34 = 2040 tokens) and answers under the Qwen3-VL grammar", async () => {
      // 1920/32 = 60; 1080/32 = 33.75 → 34 → 1088, as for the dense Qwen3-VL
      const { image, result } = await answerQwen3VlCapture(model);
      assert.deepEqual(image.frame, { width: 1920, height: 1088, tokens: 2040 });
      assert.deepEqual(result.frame, { width: 1920, height: 1088 });
      assert.equal(result.imageTokens, 2040);
      assert.equal(result.stopReason, "eog", result.text);
      assert.equal(readQwen3VlAnswer(result.text).tool, "computer_use");
    });
  });
}

describe("MoE files: inspection, pairing and the memory estimate", () => {
  test("inspectGgufFile names each MoE text model and takes its projector as Qwen3-VL's", () => {
    for (const [pair, architecture, family] of [
      [tinyQwen3VlMoeModel, "qwen3vlmoe", "Qwen3-VL MoE"],
      [tinyQwen35MoeModel, "qwen35moe", "Qwen3.5 MoE"],
    ] as const) {
      const text = inspectGgufFile(pair().model);
      assert.deepEqual([text.kind, text.architecture, text.family, text.problems], ["text", architecture, family, []]);
      const proj = inspectGgufFile(pair().mmproj);
      assert.deepEqual([proj.kind, proj.projector, proj.patchSize, proj.mergeSize, proj.problems], ["mmproj", "qwen3vl_merger", 16, 2, []]);
    }
  });

  test("the FFN width the compute estimate takes is the experts a token runs, not the unused dense width", () => {
    // Both presets keep feed_forward_length 128 in the header, as real MoE conversions keep
    // intermediate_size; a token runs expert_used_count × expert_feed_forward_length (+ shared).
    for (const c of cases) assert.equal(validateModelFiles(c.pair().model, c.pair().mmproj).shape.ff, c.ffn, c.name);
  });

  test("the Qwen3.5 MoE's hybrid split is read as the dense Qwen3.5's: one attention layer's KV, three layers' recurrent state", () => {
    const moe = validateModelFiles(tinyQwen35MoeModel().model, tinyQwen35MoeModel().mmproj).shape;
    const dense = validateModelFiles(tinyQwen35Model().model, tinyQwen35Model().mmproj).shape;
    assert.equal(moe.kvLayers, 1);
    assert.equal(moe.recurrentStateBytes, 3 * 1408 * 2 * 4);
    assert.equal(moe.recurrentStateBytes, dense.recurrentStateBytes);
  });

  test("a MoE text model with the other MoE's projector is refused by its DeepStack count", () => {
    const refused = (modelPath: string, mmprojPath: string, says: RegExp) =>
      assert.throws(
        () => validateModelFiles(modelPath, mmprojPath),
        (e: unknown) => e instanceof ModelFileError && says.test(e.message),
      );
    refused(tinyQwen35MoeModel().model, tinyQwen3VlMoeModel().mmproj, /has 2 DeepStack layers but .* takes 0 \(qwen35moe\.n_deepstack_layers\)/);
    refused(tinyQwen3VlMoeModel().model, tinyQwen35MoeModel().mmproj, /has 0 DeepStack layers but .* takes 2 \(qwen3vlmoe\.n_deepstack_layers\)/);
  });
});
