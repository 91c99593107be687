import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { inspectGgufFile } from "../../agent/models/inspectGgufFile.js";
import { readQwen3VlAnswer } from "../../agent/profiles/qwen3vl/readQwen3VlAnswer.js";
import { ModelFileError } from "../../agent/vision/errors/ModelFileError.js";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { validateModelFiles } from "../../agent/vision/validateModelFiles.js";
import { IMAGE_MARKER, type ChatMessage } from "../../agent/vision/VisionModel.js";
import type { PreparedFrame } from "../../agent/frames/PreparedFrame.js";
import { answerQwen3VlCapture } from "./support/qwen3VlCapture.js";
import { skipWithoutAddon, syntheticScreen, tinyQwen35Model, tinyQwen3VlModel } from "./support/tinyModel.js";

const skip = skipWithoutAddon();

/** A 448×448 screen (14×14 cells of 32 px: 196 tokens) with a yellow square that makes step `n`'s distinct. */
function screen(n: number): PreparedFrame {
  const data = syntheticScreen(448, 448);
  for (let y = 20; y < 60; y++) for (let x = 20 + n * 40; x < 60 + n * 40; x++) data.set([255, 255, 0], (y * 448 + x) * 3);
  return { rgb: { data, width: 448, height: 448 }, frame: { width: 448, height: 448, tokens: 196 }, region: { x: 0, y: 0, width: 448, height: 448 }, ms: 0 };
}

/**
 * The agent loop's kept conversation after `steps` steps, showing only the last `window`
 * screenshots, as ModelDecider does: from step window + 1 on, the oldest one leaves the prompt.
 */
function conversation(steps: number, answers: readonly string[], window: number): { messages: ChatMessage[]; images: PreparedFrame[] } {
  const messages: ChatMessage[] = [];
  const images: PreparedFrame[] = [];
  for (let s = 0; s < steps; s++) {
    const shown = s >= steps - window;
    if (shown) images.push(screen(s));
    messages.push({ role: "user", content: `${s === 0 ? "Open the file.\n" : `Step ${s} done.\n`}${shown ? IMAGE_MARKER : ""}Next action?` });
    if (s < steps - 1) messages.push({ role: "assistant", content: answers[s] ?? "" });
  }
  return { messages, images };
}

// Qwen3.5 (the base of UI-Venus-2 and Holo3) is llama.cpp's `qwen35`: three of four layers are
// gated-delta-net linear attention with a recurrent state, so its memory is hybrid and a kept
// conversation cannot be cut (src/llama-memory-recurrent.cpp refuses a partial erase).
describe("the tiny Qwen3.5 pair through the engine (native addon)", { skip }, () => {
  let kept: HostedVisionModel;
  let fresh: HostedVisionModel;
  before(async () => {
    const { model, mmproj } = tinyQwen35Model();
    const options = { modelPath: model, mmprojPath: mmproj, gpuLayers: 0, contextSize: 2048, warmup: false, minImageTokens: 64, maxImageTokens: 1024 } as const;
    kept = await HostedVisionModel.load(options);
    fresh = await HostedVisionModel.load(options);
  });
  after(async () => {
    await kept?.dispose();
    await fresh?.dispose();
  });

  test("loads as Qwen3.5: Qwen3-VL's 32-px grid, no DeepStack, a hybrid memory", () => {
    assert.equal(kept.files.architecture, "qwen35");
    assert.equal(kept.files.projector, "qwen3vl_merger");
    assert.equal(kept.frameFactor, 32);
    assert.equal(kept.files.deepstackLayers, 0);
    assert.equal(kept.loaded?.nEmbd, 64);
    assert.equal(kept.loaded?.memory, "hybrid");
  });

  test("a 1920x1080 capture encodes at 1920x1088 (60·34 = 2040 tokens) and answers under the Qwen3-VL grammar", async () => {
    // 1920/32 = 60; 1080/32 = 33.75 → 34 → 1088: the same 32-px smart resize as Qwen3-VL's
    const big = await HostedVisionModel.load({
      modelPath: tinyQwen35Model().model,
      mmprojPath: tinyQwen35Model().mmproj,
      gpuLayers: 0,
      contextSize: 4400,
      warmup: false,
      minImageTokens: 1024,
      maxImageTokens: 4096,
    });
    try {
      const { image, result } = await answerQwen3VlCapture(big);
      assert.deepEqual(image.frame, { width: 1920, height: 1088, tokens: 2040 });
      assert.deepEqual(result.frame, { width: 1920, height: 1088 });
      assert.equal(result.imageTokens, 2040);
      assert.equal(result.stopReason, "eog", result.text);
      assert.equal(readQwen3VlAnswer(result.text).tool, "computer_use");
    } finally {
      await big.dispose();
    }
  });

  test("a kept conversation re-reads the whole prompt each step, says so, encodes only the new screenshot, and answers as a fresh engine does", async () => {
    const answers: string[] = [];
    for (let steps = 1; steps <= 4; steps++) {
      const request = { ...conversation(steps, answers, 2), maxTokens: 8 };
      const a = await kept.generate({ ...request, keepContext: true });
      const b = await fresh.generate(request);
      assert.equal(a.text, b.text, `step ${steps}: re-reading with kept image embeddings must not change the answer`);
      if (steps > 1) {
        assert.equal(a.eraseRefused, true, `step ${steps}: the hybrid memory cannot be cut`);
        assert.equal(a.reusedTokens, 0);
        assert.equal(a.contextTokens, a.promptTokens);
      }
      // The screenshots already seen are decoded from their kept embeddings, not encoded again
      // (step 3 on shows two: the one kept and the new one).
      assert.equal(a.encodedImages, 1, `step ${steps}: encoded ${a.encodedImages} of ${request.images.length}`);
      assert.equal(b.encodedImages, request.images.length);
      answers.push(a.text);
    }
  });
});

describe("Qwen3.5 files: inspection and pairing", () => {
  test("inspectGgufFile names the text model Qwen3.5 and takes its projector as Qwen3-VL's", () => {
    const { model, mmproj } = tinyQwen35Model();
    const text = inspectGgufFile(model);
    assert.deepEqual([text.kind, text.architecture, text.family, text.problems], ["text", "qwen35", "Qwen3.5", []]);
    const proj = inspectGgufFile(mmproj);
    assert.deepEqual([proj.kind, proj.projector, proj.patchSize, proj.mergeSize, proj.problems], ["mmproj", "qwen3vl_merger", 16, 2, []]);
  });

  test("the memory estimate sees the hybrid split: one attention layer's KV, three layers' recurrent state", () => {
    const { shape } = validateModelFiles(tinyQwen35Model().model, tinyQwen35Model().mmproj);
    // layers 0–2 recurrent, 3 attention (interval 4). Per recurrent layer and sequence, F32:
    // conv (4 − 1)·(64 + 2·2·16) = 384, state 16·64 = 1024 → 1408 floats; × 3 layers × 2 sequences × 4 bytes
    assert.equal(shape.kvLayers, 1);
    assert.equal(shape.recurrentStateBytes, 3 * 1408 * 2 * 4);
    assert.equal(validateModelFiles(tinyQwen3VlModel().model, tinyQwen3VlModel().mmproj).shape.kvLayers, undefined);
  });

  test("a Qwen3.5 text model with a Qwen3-VL projector (DeepStack) is refused before llama.cpp sees them", () => {
    assert.throws(
      () => validateModelFiles(tinyQwen35Model().model, tinyQwen3VlModel().mmproj),
      (e: unknown) => e instanceof ModelFileError && /has 2 DeepStack layers but .* takes 0 \(qwen35\.n_deepstack_layers\)/.test(e.message),
    );
  });
});
