import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { getLlama, LlamaCompletion, LlamaLogLevel, type LlamaModel } from "node-llama-cpp";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { skipWithoutAddon, tinyModel } from "./support/tinyModel.js";

// An independent implementation on the same weights: node-llama-cpp's own greedy completion
// (its addon runs in this process; ours in the engine host, so the two never share a process).
// node-llama-cpp takes ~0.2 s per token here on 2 cores (its per-token work spans the 152k-token
// vocabulary), so the answers are kept short.
describe("greedy parity with node-llama-cpp on the tiny text model", { skip: skipWithoutAddon() }, () => {
  let ours: HostedVisionModel;
  let theirs: LlamaModel;
  before(async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    ours = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 1024, warmup: false });
    const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
    theirs = await llama.loadModel({ modelPath, gpuLayers: 0 });
  });
  after(async () => {
    await ours?.dispose();
    await theirs?.dispose();
  });

  for (const prompt of ["The capital of France is", "def fibonacci(n):", "1, 2, 3,", "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"]) {
    test(`same greedy text for ${JSON.stringify(prompt)}`, async () => {
      const context = await theirs.createContext({ contextSize: 1024, batchSize: 512 });
      try {
        const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
        // tokenized with special tokens parsed, as the addon does
        const expected = await completion.generateCompletion(theirs.tokenize(prompt, true), { maxTokens: 16, temperature: 0 });
        const got = await ours.generate({ prompt, maxTokens: 16 });
        assert.equal(got.text, expected);
      } finally {
        await context.dispose();
      }
    });
  }
});
