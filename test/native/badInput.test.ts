import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { loadImageFile } from "../../agent/frames/sourceImages.js";
import { checkModelPair } from "../../agent/vision/checkModelPair.js";
import { validateModelFiles } from "../../agent/vision/validateModelFiles.js";
import { ModelFileError } from "../../agent/vision/errors/ModelFileError.js";
import { ImageInputError } from "../../agent/frames/ImageInputError.js";
import { EngineError } from "../../agent/vision/errors/EngineError.js";
import { QWEN25VL_PRESETS } from "../../agent/gguf/qwen25vlPresets.js";
import { writeQwen25VlMmproj } from "../../agent/gguf/writeQwen25VlMmproj.js";
import { skipWithoutAddon, tinyModel } from "./support/tinyModel.js";
import { rewriteGguf } from "./support/rewriteGguf.js";

const dir = mkdtempSync(join(tmpdir(), "deskpilot-bad-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

function fileError(run: () => unknown, file: string, says: RegExp): void {
  assert.throws(run, (e: unknown) => e instanceof ModelFileError && e.code === "MODEL_FILE_INVALID" && e.message.includes(file) && says.test(e.message));
}

describe("bad model files are refused before llama.cpp sees them, naming the file", () => {
  test("missing file", () => {
    const { mmproj } = tinyModel();
    fileError(() => validateModelFiles(join(dir, "nope.gguf"), mmproj), "nope.gguf", /does not exist/);
  });
  test("zero-byte file", () => {
    const { model } = tinyModel();
    const empty = join(dir, "empty.gguf");
    writeFileSync(empty, "");
    fileError(() => validateModelFiles(model, empty), "empty.gguf", /empty \(0 bytes\)/);
  });
  test("truncated GGUF (header intact, tensor data cut) and truncated header", () => {
    const { model, mmproj } = tinyModel();
    const bytes = readFileSync(model);
    const cut = join(dir, "cut.gguf");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 4096));
    fileError(() => validateModelFiles(cut, mmproj), "cut.gguf", /truncated/);
    writeFileSync(cut, bytes.subarray(0, 100_000));
    fileError(() => validateModelFiles(cut, mmproj), "cut.gguf", /not a valid GGUF/);
  });
  test("a text model given as mmproj, and an mmproj given as the model", () => {
    const { model, mmproj } = tinyModel();
    fileError(() => validateModelFiles(model, model), model, /is not a vision projector.*text model/);
    fileError(() => validateModelFiles(mmproj, mmproj), mmproj, /is a vision projector \(mmproj\), not a text model/);
  });
  test("mismatched embedding widths", () => {
    const { model } = tinyModel();
    const other = join(dir, "mmproj-128.gguf");
    const tiny = QWEN25VL_PRESETS.tiny;
    writeQwen25VlMmproj(other, { ...tiny, text: { ...tiny.text, embd: 128 } }, { type: "f16" });
    fileError(() => validateModelFiles(model, other), "mmproj-128.gguf", /projects to width 128.*embedding width 64/);
  });
  test("a file that is not GGUF at all", () => {
    const { mmproj } = tinyModel();
    const text = join(dir, "readme.gguf");
    writeFileSync(text, "this is not a model, just some text that is long enough");
    fileError(() => validateModelFiles(text, mmproj), "readme.gguf", /bad magic/);
  });
  test("the report (checkModelPair) holds the problem the thrower throws, and a good pair's info", () => {
    const { model, mmproj } = tinyModel();
    const missing = join(dir, "nope.gguf");
    const check = checkModelPair(missing, mmproj);
    assert.equal(check.ok, false);
    // Each call stats the file again, so the causes are two ENOENT errors alike, not one object.
    const sameCause = (e: ModelFileError) => !check.ok && e.cause instanceof Error && check.cause instanceof Error && e.cause.message === check.cause.message;
    assert.throws(
      () => validateModelFiles(missing, mmproj),
      (e: unknown) => !check.ok && e instanceof ModelFileError && e.message === check.problem && sameCause(e),
    );
    assert.deepEqual(checkModelPair(model, mmproj), { ok: true, info: validateModelFiles(model, mmproj) });
  });
});

describe("bad images", () => {
  test("a non-image and a corrupt PNG are clear errors", async () => {
    await assert.rejects(loadImageFile(Buffer.from("definitely not an image")), ImageInputError);
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const corrupt = Buffer.concat([png.subarray(0, 40), Buffer.alloc(64, 0xab)]);
    const file = join(dir, "corrupt.png");
    writeFileSync(file, corrupt);
    await assert.rejects(loadImageFile(file), (e: unknown) => e instanceof ImageInputError && e.message.includes("corrupt.png"));
  });
});

describe("bad requests to a loaded model (native addon)", { skip: skipWithoutAddon() }, () => {
  let model: HostedVisionModel;
  before(async () => {
    const { model: modelPath, mmproj } = tinyModel();
    const mmprojCopy = join(dir, "mmproj-copy.gguf");
    copyFileSync(mmproj, mmprojCopy);
    model = await HostedVisionModel.load({ modelPath, mmprojPath: mmprojCopy, gpuLayers: 0, contextSize: 2048, warmup: false, minImageTokens: 8 });
  });
  after(() => model?.dispose());

  test("an image wider than 200:1 and a wrong-sized buffer are refused; the model stays usable", async () => {
    const frame = (width: number, height: number) => ({ width, height, tokens: (width / 28) * (height / 28) });
    await assert.rejects(
      model.generate({
        image: {
          rgb: { data: new Uint8Array(5880 * 28 * 3), width: 5880, height: 28 },
          frame: frame(5880, 28),
          region: { x: 0, y: 0, width: 5880, height: 28 },
          ms: 0,
        },
        prompt: "x",
        maxTokens: 2,
      }),
      (e: unknown) => e instanceof ImageInputError && /200:1/.test(e.message),
    );
    await assert.rejects(
      model.generate({
        image: { rgb: { data: new Uint8Array(10), width: 56, height: 56 }, frame: frame(56, 56), region: { x: 0, y: 0, width: 56, height: 56 }, ms: 0 },
        prompt: "x",
        maxTokens: 2,
      }),
      ImageInputError,
    );
    await assert.rejects(
      model.generate({
        image: {
          rgb: { data: new Uint8Array(64 * 64 * 3), width: 64, height: 64 },
          frame: frame(56, 56),
          region: { x: 0, y: 0, width: 64, height: 64 },
          ms: 0,
        },
        prompt: "x",
        maxTokens: 2,
      }),
      (e: unknown) => e instanceof ImageInputError && /claims the 56x56 frame/.test(e.message),
    );
    assert.equal((await model.generate({ prompt: "ok", maxTokens: 2 })).generatedTokens, 2);
  });

  test("a model whose tensors do not match its metadata fails to load with llama.cpp's reason", async () => {
    const { model: modelPath, mmproj } = tinyModel();
    const broken = join(dir, "wrong-ff.gguf");
    rewriteGguf(modelPath, broken, { "qwen2vl.feed_forward_length": 256 });
    await assert.rejects(
      HostedVisionModel.load({ modelPath: broken, mmprojPath: mmproj, gpuLayers: 0, contextSize: 1024, warmup: false }),
      (e: unknown) => e instanceof EngineError && e.code === "MODEL_LOAD_FAILED" && e.message.includes("wrong-ff.gguf") && /wrong shape/.test(e.message),
    );
  });

  test("an invalid grammar and an over-long prompt are engine errors, not crashes", async () => {
    const pid = model.loaded!.pid;
    await assert.rejects(
      model.generate({ prompt: "x", grammar: "root ::= (", maxTokens: 2 }),
      (e: unknown) => e instanceof EngineError && e.engineCode === "INVALID_REQUEST",
    );
    await assert.rejects(model.generate({ prompt: "x", maxTokens: 5000 }), (e: unknown) => e instanceof EngineError && e.engineCode === "CONTEXT_TOO_SMALL");
    assert.equal((await model.generate({ prompt: "ok", maxTokens: 2 })).generatedTokens, 2);
    assert.equal(model.loaded!.pid, pid, "the host must not have restarted");
  });
});
