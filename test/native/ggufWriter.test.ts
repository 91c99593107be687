import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GgufWriter } from "../../agent/gguf/GgufWriter.js";
import { GgufValueType as T } from "../../agent/gguf/GgufValueType.js";
import { GgmlType } from "../../agent/gguf/GgmlType.js";
import { readGguf } from "../../agent/gguf/readGguf.js";
import { toHalf } from "../../agent/gguf/encodeTensor.js";
import { constantTensorData } from "../../agent/gguf/randomTensorData.js";
import { tinyModel } from "./support/tinyModel.js";

describe("GGUF writer", () => {
  test("round-trips metadata and tensor layout", () => {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-gguf-"));
    try {
      const path = join(dir, "t.gguf");
      new GgufWriter()
        .add("general.architecture", T.STRING, "test")
        .add("a.u32", T.UINT32, 7)
        .add("a.f32", T.FLOAT32, 0.5)
        .add("a.bool", T.BOOL, true)
        .addArray("a.arr", T.INT32, [1, -2, 3])
        .addTensor("x", [32, 2], GgmlType.Q8_0, constantTensorData(GgmlType.Q8_0, 64, 1))
        .addTensor("y", [3], GgmlType.F32, constantTensorData(GgmlType.F32, 3, 2))
        .write(path);
      const h = readGguf(path);
      assert.equal(h.metadata.get("a.u32"), 7);
      assert.equal(h.metadata.get("a.f32"), 0.5);
      assert.equal(h.metadata.get("a.bool"), true);
      assert.deepEqual(h.metadata.get("a.arr"), [1, -2, 3]);
      assert.deepEqual(
        h.tensors.map((t) => [t.name, t.dims, t.type, t.offset]),
        [
          ["x", [32, 2], 8, 0],
          ["y", [3], 0, 96],
        ],
      );
      assert.equal(h.fileSize, h.dataOffset + 96 + 32);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("converts floats to IEEE half precision", () => {
    assert.equal(toHalf(1), 0x3c00);
    assert.equal(toHalf(-2), 0xc000);
    assert.equal(toHalf(65504), 0x7bff);
    assert.equal(toHalf(1e6), 0x7c00);
    assert.equal(toHalf(5.960464477539063e-8), 0x0001);
    assert.equal(toHalf(0.1), 0x2e66);
  });

  test("the tiny Qwen2.5-VL pair has the real architecture and special tokens", () => {
    const { model, mmproj } = tinyModel();
    const text = readGguf(model).metadata;
    const proj = readGguf(mmproj).metadata;
    assert.equal(text.get("general.architecture"), "qwen2vl");
    assert.equal(text.get("tokenizer.ggml.pre"), "qwen2");
    const tokens = text.get("tokenizer.ggml.tokens") as string[];
    assert.equal(tokens[151652], "<|vision_start|>");
    assert.equal(tokens[151653], "<|vision_end|>");
    assert.equal(tokens[151655], "<|image_pad|>");
    assert.equal(tokens[151657], "<tool_call>");
    assert.equal(proj.get("clip.projector_type"), "qwen2.5vl_merger");
    assert.equal(proj.get("clip.use_silu"), true);
    assert.equal(proj.get("clip.vision.projection_dim"), text.get("qwen2vl.embedding_length"));
    assert.equal(proj.get("clip.vision.n_wa_pattern"), 2);
  });
});
