import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GgufWriter } from "../../../agent/gguf/GgufWriter.js";
import { GgufValueType as T } from "../../../agent/gguf/GgufValueType.js";
import { GgmlType } from "../../../agent/gguf/GgmlType.js";
import { GgufFormatError, readGguf } from "../../../agent/gguf/readGguf.js";
import { constantTensorData } from "../../../agent/gguf/randomTensorData.js";

/** A header with every value type, scalar and array, and a vocabulary big enough to cross the 1 MiB read buffer. */
function writeSample(path: string): void {
  const vocab = Array.from({ length: 60_000 }, (_, i) => `tok${i}-ĠÜ東`);
  new GgufWriter()
    .add("general.architecture", T.STRING, "test")
    .add("v.u8", T.UINT8, 200)
    .add("v.i8", T.INT8, -100)
    .add("v.u16", T.UINT16, 60_000)
    .add("v.i16", T.INT16, -30_000)
    .add("v.u32", T.UINT32, 4_000_000_000)
    .add("v.i32", T.INT32, -2_000_000_000)
    .add("v.f32", T.FLOAT32, 0.25)
    .add("v.bool", T.BOOL, false)
    .add("v.u64", T.UINT64, 2n ** 40n + 3n)
    .add("v.i64", T.INT64, -(2n ** 40n))
    .add("v.f64", T.FLOAT64, Math.PI)
    .addArray("tokenizer.ggml.tokens", T.STRING, vocab)
    .addArray("a.i32", T.INT32, [1, -2, 3])
    .addArray("a.u64", T.UINT64, [5n, 6n])
    .addArray("a.f32", T.FLOAT32, [0.5, 1.5, 2.5, 3.5])
    .add("after.arrays", T.STRING, "still read")
    .addTensor("x", [32, 2], GgmlType.Q8_0, constantTensorData(GgmlType.Q8_0, 64, 1))
    .write(path);
}

describe("readGguf", () => {
  test("reads every value type, and arrayItems:false gives the same scalars, array types and lengths", () => {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-gguf-"));
    try {
      const path = join(dir, "t.gguf");
      writeSample(path);
      const full = readGguf(path);
      assert.equal(full.metadata.get("v.u8"), 200);
      assert.equal(full.metadata.get("v.i8"), -100);
      assert.equal(full.metadata.get("v.u16"), 60_000);
      assert.equal(full.metadata.get("v.i16"), -30_000);
      assert.equal(full.metadata.get("v.u32"), 4_000_000_000);
      assert.equal(full.metadata.get("v.i32"), -2_000_000_000);
      assert.equal(full.metadata.get("v.f32"), 0.25);
      assert.equal(full.metadata.get("v.bool"), false);
      assert.equal(full.metadata.get("v.u64"), 2n ** 40n + 3n);
      assert.equal(full.metadata.get("v.i64"), -(2n ** 40n));
      assert.equal(full.metadata.get("v.f64"), Math.PI);
      const tokens = full.metadata.get("tokenizer.ggml.tokens") as string[];
      assert.equal(tokens.length, 60_000);
      assert.equal(tokens[59_999], "tok59999-ĠÜ東");
      assert.deepEqual(full.metadata.get("a.u64"), [5n, 6n]);
      assert.equal(full.metadata.get("after.arrays"), "still read");

      const bare = readGguf(path, { arrayItems: false });
      for (const [key, value] of full.metadata) {
        if (Array.isArray(value)) assert.equal(bare.metadata.has(key), false, key);
        else assert.equal(bare.metadata.get(key), value, key);
      }
      assert.deepEqual([...bare.arrayTypes], [...full.arrayTypes]);
      assert.deepEqual(
        [...bare.arrayLengths],
        [
          ["tokenizer.ggml.tokens", 60_000],
          ["a.i32", 3],
          ["a.u64", 2],
          ["a.f32", 4],
        ],
      );
      assert.deepEqual(bare.tensors, full.tensors);
      assert.equal(bare.dataOffset, full.dataOffset);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a header cut inside the vocabulary is a GgufFormatError, whether the items are kept or skipped", () => {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-gguf-"));
    try {
      const path = join(dir, "t.gguf");
      writeSample(path);
      truncateSync(path, 500_000);
      for (const arrayItems of [true, false]) {
        assert.throws(
          () => readGguf(path, { arrayItems }),
          (e: unknown) => {
            assert.ok(e instanceof GgufFormatError);
            assert.match(e.message, /not a valid GGUF file: unexpected end of file/);
            return true;
          },
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
