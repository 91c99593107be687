import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { inspectGgufFile } from "../../agent/models/inspectGgufFile.js";
import { QWEN3VL_PRESETS } from "../../agent/gguf/qwen3vlPresets.js";
import { writeQwen3VlMmproj } from "../../agent/gguf/writeQwen3VlMmproj.js";
import { getProfile } from "../../agent/profiles/profileRegistry.js";
import { readQwen3VlAnswer } from "../../agent/profiles/qwen3vl/readQwen3VlAnswer.js";
import { ModelFileError } from "../../agent/vision/errors/ModelFileError.js";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { prepareFrame } from "../../agent/frames/prepareFrame.js";
import { validateModelFiles } from "../../agent/vision/validateModelFiles.js";
import { IMAGE_MARKER, type ChatMessage } from "../../agent/vision/VisionModel.js";
import type { PreparedFrame } from "../../agent/frames/PreparedFrame.js";
import { loadVisionAddon } from "../../native/loadVisionAddon.js";
import { skipWithoutAddon, syntheticScreen, tinyModel, tinyQwen3VlModel } from "./support/tinyModel.js";

const skip = skipWithoutAddon();
const BOUNDS = { minImageTokens: 1024, maxImageTokens: 4096 } as const;

/** A synthetic 1920×1080 capture prepared on a `factor`-px grid, as the engine's callers prepare one. */
async function capture1080p(factor: number): Promise<PreparedFrame> {
  return prepareFrame({ data: syntheticScreen(1920, 1080), width: 1920, height: 1080, channels: 3 }, { ...BOUNDS, factor });
}

// Worked by hand from Qwen's smart_resize (round each side to the grid; bounds 1024…4096 tokens):
// Qwen3-VL, grid 32: 1920/32 = 60 → 1920; 1080/32 = 33.75 → 34 → 1088; 60·34 = 2040 tokens,
//   1920·1088 = 2,088,960 px, inside 1024·32² = 1,048,576 … 4096·32² = 4,194,304, so no rescale.
// Qwen2.5-VL, grid 28: 1920/28 = 68.57 → 69 → 1932; 1080/28 = 38.57 → 39 → 1092; 69·39 = 2691 tokens,
//   1932·1092 = 2,109,744 px, inside 1024·28² = 802,816 … 4096·28² = 3,211,264.
const QWEN3VL_1080P = { width: 1920, height: 1088, tokens: 2040, nx: 60, ny: 34 };
const QWEN25VL_1080P = { width: 1932, height: 1092, tokens: 2691, nx: 69, ny: 39 };

/** A 448×448 screen (14×14 cells of 32 px: 196 tokens) with a yellow square that makes step `n`'s distinct. */
function screen(n: number): PreparedFrame {
  const data = syntheticScreen(448, 448);
  for (let y = 20; y < 60; y++) for (let x = 20 + n * 40; x < 60 + n * 40; x++) data.set([255, 255, 0], (y * 448 + x) * 3);
  return { rgb: { data, width: 448, height: 448 }, frame: { width: 448, height: 448, tokens: 196 }, region: { x: 0, y: 0, width: 448, height: 448 }, ms: 0 };
}

/** The agent loop's conversation after `steps` steps, each user turn with its screenshot. */
function conversation(steps: number, answers: readonly string[]): { messages: ChatMessage[]; images: PreparedFrame[] } {
  const messages: ChatMessage[] = [];
  const images: PreparedFrame[] = [];
  for (let s = 0; s < steps; s++) {
    images.push(screen(s));
    messages.push({ role: "user", content: `${s === 0 ? "Open the file.\n" : `Step ${s} done.\n`}${IMAGE_MARKER}Next action?` });
    if (s < steps - 1) messages.push({ role: "assistant", content: answers[s] ?? "" });
  }
  return { messages, images };
}

const family = getProfile("qwen3-vl");

describe("the tiny Qwen3-VL pair through the engine (native addon)", { skip }, () => {
  let qwen3: HostedVisionModel;
  let fresh3: HostedVisionModel;
  let qwen25: HostedVisionModel;
  before(async () => {
    const q3 = tinyQwen3VlModel();
    const q25 = tinyModel();
    const options = { gpuLayers: 0, contextSize: 4400, warmup: false, ...BOUNDS } as const;
    qwen3 = await HostedVisionModel.load({ modelPath: q3.model, mmprojPath: q3.mmproj, ...options });
    fresh3 = await HostedVisionModel.load({ modelPath: q3.model, mmprojPath: q3.mmproj, ...options, minImageTokens: 64 });
    qwen25 = await HostedVisionModel.load({ modelPath: q25.model, mmprojPath: q25.mmproj, ...options });
  });
  after(async () => {
    await qwen3?.dispose();
    await fresh3?.dispose();
    await qwen25?.dispose();
  });

  test("loads as Qwen3-VL: patch 16 × merge 2 (a 32-px grid), two DeepStack layers, a KV-cache memory", () => {
    assert.equal(qwen3.files.architecture, "qwen3vl");
    assert.equal(qwen3.files.projector, "qwen3vl_merger");
    assert.equal(qwen3.files.patchSize, 16);
    assert.equal(qwen3.files.mergeSize, 2);
    assert.equal(qwen3.frameFactor, 32);
    assert.equal(qwen25.frameFactor, 28);
    assert.equal(qwen3.files.deepstackLayers, 2);
    // the text width, not the 64 × (1 + 2) the image embeddings are
    assert.equal(qwen3.loaded?.nEmbd, 64);
    assert.equal(qwen3.loaded?.memory, "kv");
    assert.equal(qwen3.files.defaultSystemPrompt, undefined);
  });

  test("llama.cpp's grid for a 1920x1080 capture is the 32-px one on Qwen3-VL and the 28-px one on Qwen2.5-VL", async () => {
    assert.deepEqual(await qwen3.imageLayout(1920, 1080), { nx: QWEN3VL_1080P.nx, ny: QWEN3VL_1080P.ny, tokens: QWEN3VL_1080P.tokens });
    assert.deepEqual(await qwen25.imageLayout(1920, 1080), { nx: QWEN25VL_1080P.nx, ny: QWEN25VL_1080P.ny, tokens: QWEN25VL_1080P.tokens });
  });

  test("a 1920x1080 capture encodes at 1920x1088 (2040 tokens) and the answer under the Qwen3-VL family's grammar parses as Qwen3-VL's", async () => {
    const image = await capture1080p(32);
    assert.deepEqual(image.frame, { width: QWEN3VL_1080P.width, height: QWEN3VL_1080P.height, tokens: QWEN3VL_1080P.tokens });
    const result = await qwen3.generate({
      image,
      messages: [{ role: "user", content: "Open the File menu. Answer with one tool call." }],
      grammar: family.computerUse.grammar(image.frame, "relative-1000"),
      maxTokens: 160,
    });
    // HostedVisionModel refuses a result whose imageNx/imageNy × 32 is not the frame (FrameMismatchError)
    assert.deepEqual(result.frame, { width: QWEN3VL_1080P.width, height: QWEN3VL_1080P.height });
    assert.equal(result.imageTokens, QWEN3VL_1080P.tokens);
    assert.equal(result.stopReason, "eog", result.text);
    // Random weights write random numbers, so the coordinates may be outside 0–1000; the answer's shape is what the grammar guarantees.
    const read = readQwen3VlAnswer(result.text);
    assert.equal(read.tool, "computer_use");
    assert.equal(typeof read.args["action"], "string");
  });

  test("the same capture encodes at 1932x1092 (2691 tokens) on the tiny Qwen2.5-VL", async () => {
    const image = await capture1080p(28);
    assert.deepEqual(image.frame, { width: QWEN25VL_1080P.width, height: QWEN25VL_1080P.height, tokens: QWEN25VL_1080P.tokens });
    const result = await qwen25.generate({ image, prompt: "<__media__>x", maxTokens: 2 });
    assert.deepEqual(result.frame, { width: QWEN25VL_1080P.width, height: QWEN25VL_1080P.height });
    assert.equal(result.imageTokens, QWEN25VL_1080P.tokens);
  });

  // The text positions after an image follow mtmd's M-RoPE advance (the image's larger side in
  // cells, not its token count): a kept context that got them wrong would answer differently.
  test("a kept conversation encodes only each step's new screenshot and answers as a fresh engine does", async () => {
    const kept = await HostedVisionModel.load({
      modelPath: tinyQwen3VlModel().model,
      mmprojPath: tinyQwen3VlModel().mmproj,
      gpuLayers: 0,
      contextSize: 2048,
      warmup: false,
      minImageTokens: 64,
      maxImageTokens: 1024,
    });
    try {
      const answers: string[] = [];
      for (let steps = 1; steps <= 3; steps++) {
        const request = { ...conversation(steps, answers), maxTokens: 8 };
        const a = await kept.generate({ ...request, keepContext: true });
        const b = await fresh3.generate(request);
        assert.equal(a.text, b.text, `step ${steps}: reusing the context must not change the answer`);
        assert.equal(a.encodedImages, 1);
        assert.equal(a.eraseRefused, undefined, "a KV cache is cut, never refused");
        if (steps > 1) assert.ok(a.reusedTokens! > 196, `step ${steps}: reused ${a.reusedTokens}`);
        answers.push(a.text);
      }
    } finally {
      await kept.dispose();
    }
  });

  test("a frame on the 28-px grid is refused by the Qwen3-VL engine before llama.cpp would resize it", async () => {
    const image = await capture1080p(28);
    await assert.rejects(qwen3.generate({ image, prompt: "<__media__>x", maxTokens: 1 }), /multiples of 32/);
  });
});

describe("Qwen3-VL files: inspection and pairing", () => {
  test("inspectGgufFile reads the family, the projector and its 16 × 2 grid", () => {
    const { model, mmproj } = tinyQwen3VlModel();
    const text = inspectGgufFile(model);
    assert.deepEqual([text.kind, text.architecture, text.family, text.problems], ["text", "qwen3vl", "Qwen3-VL", []]);
    const proj = inspectGgufFile(mmproj);
    assert.deepEqual(
      [proj.kind, proj.projector, proj.family, proj.patchSize, proj.mergeSize, proj.problems],
      ["mmproj", "qwen3vl_merger", "Qwen3-VL", 16, 2, []],
    );
    const q25 = inspectGgufFile(tinyModel().mmproj);
    assert.deepEqual([q25.kind, q25.family, q25.patchSize, q25.mergeSize], ["mmproj", "Qwen2.5-VL", 14, 2]);
  });

  const refused = (run: () => unknown, says: RegExp) =>
    assert.throws(run, (e: unknown) => e instanceof ModelFileError && e.code === "MODEL_FILE_INVALID" && says.test(e.message));

  test("a text model with the other family's projector is refused, naming both", () => {
    const q3 = tinyQwen3VlModel();
    const q25 = tinyModel();
    refused(
      () => validateModelFiles(q3.model, q25.mmproj),
      /is a Qwen2\.5-VL projector \(qwen2\.5vl_merger\), but .* is a Qwen3-VL text model \(qwen3vl\), which needs a qwen3vl_merger projector/,
    );
    refused(
      () => validateModelFiles(q25.model, q3.mmproj),
      /is a Qwen3-VL projector \(qwen3vl_merger\), but .* is a Qwen2\.5-VL text model \(qwen2vl\), which needs a qwen2\.5vl_merger projector/,
    );
  });

  test("a projector with other DeepStack layers than the text model takes is refused", () => {
    const q3 = tinyQwen3VlModel();
    const other = join(q3.dir, "mmproj-one-deepstack.gguf");
    const tiny = QWEN3VL_PRESETS.tiny;
    writeQwen3VlMmproj(other, { ...tiny, vision: { ...tiny.vision, deepstackLayers: [1] } }, { type: "f16" });
    refused(() => validateModelFiles(q3.model, other), /has 1 DeepStack layers but .* takes 2 \(qwen3vl\.n_deepstack_layers\)/);
  });

  test("the Qwen3-VL projector given as the text model is refused", () => {
    refused(() => validateModelFiles(tinyQwen3VlModel().mmproj, tinyQwen3VlModel().mmproj), /is a vision projector \(mmproj\), not a text model/);
  });
});

describe("the tiny Qwen3-VL's tokenizer (native addon)", { skip }, () => {
  test("<think> and </think> are single tokens at Qwen3's ids (151667, 151668), as thinking variants write them", async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyQwen3VlModel();
    const model = new (loadVisionAddon().addon.VisionModel)();
    try {
      await model.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 256, warmup: false });
      const ids = await model.tokenize({ prompt: "<think>\nthe menu is top left\n</think>\n<tool_call>" });
      assert.equal(ids[0], 151667);
      assert.ok(ids.includes(151668), `ids ${ids.join(",")}`);
      assert.equal(ids.at(-1), 151657);
    } finally {
      await model.dispose();
    }
  });
});
