import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddonVisionModel } from "../../native/AddonTypes.js";
import { loadVisionAddon } from "../../native/loadVisionAddon.js";
import { skipWithoutAddon, tinyModel } from "./support/tinyModel.js";
import { writeTinyMamba } from "./support/writeTinyMamba.js";

const skip = skipWithoutAddon();

const FIRST = "<|im_start|>user\nOpen the file menu.<|im_end|>\n<|im_start|>assistant\n";
const next = (answer: string) => `${FIRST}${answer}<|im_end|>\n<|im_start|>user\nStep 2. Next action?<|im_end|>\n<|im_start|>assistant\n`;

/** Two kept-context steps and the second one again from scratch, on one loaded model. */
async function twoSteps(model: AddonVisionModel) {
  const one = await model.generate({ id: 1, prompt: FIRST, maxTokens: 4, keepContext: true });
  const two = await model.generate({ id: 2, prompt: next(one.text), maxTokens: 4, keepContext: true });
  const fresh = await model.generate({ id: 3, prompt: next(one.text), maxTokens: 4 });
  return { one, two, fresh };
}

// Qwen3.5-based models (UI-Venus-2, Holo3.x) keep recurrent state; a tiny random Mamba stands in
// for them here: llama.cpp keeps both kinds of state in its recurrent memory, which refuses to
// erase part of a sequence (src/llama-memory-recurrent.cpp) where a KV cache cuts it.
describe("kept context on a model whose state cannot be partly erased (native addon)", { skip }, () => {
  const { addon } = skip ? { addon: undefined } : loadVisionAddon();
  let recurrent: AddonVisionModel;
  let kv: AddonVisionModel;
  let loaded: { recurrent: string; kv: string };
  before(async () => {
    const { dir, model, mmproj } = tinyModel();
    recurrent = new addon!.VisionModel();
    kv = new addon!.VisionModel();
    const common = { mmprojPath: mmproj, gpuLayers: 0, contextSize: 1024, warmup: false };
    const r = await recurrent.load({ modelPath: writeTinyMamba(dir), ...common });
    const k = await kv.load({ modelPath: model, ...common });
    loaded = { recurrent: r.memory, kv: k.memory };
  });
  after(async () => {
    await recurrent?.dispose();
    await kv?.dispose();
  });

  test("the load reports the memory kind: recurrent for Mamba, kv for the tiny Qwen2.5-VL", () => {
    assert.deepEqual(loaded, { recurrent: "recurrent", kv: "kv" });
  });

  test("a recurrent model's second step re-reads the whole prompt, says so, and answers as a fresh request does", async () => {
    const { one, two, fresh } = await twoSteps(recurrent);
    assert.equal(one.eraseRefused, false); // nothing was kept yet, so nothing had to be cut
    assert.equal(two.eraseRefused, true);
    assert.equal(two.reusedTokens, 0);
    assert.equal(two.contextTokens, two.promptTokens);
    assert.equal(two.text, fresh.text);
  });

  test("a KV-cache model's second step reuses the first one's prompt and reports no refusal", async () => {
    const { two, fresh } = await twoSteps(kv);
    assert.equal(two.eraseRefused, false);
    assert.ok(two.reusedTokens > 0, `reused ${two.reusedTokens}`);
    assert.equal(two.text, fresh.text);
  });
});
