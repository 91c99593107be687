import { describe, test } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { FRAME_THREADS, prepareFrame } from "../../../agent/frames/prepareFrame.js";
import { ImageInputError } from "../../../agent/frames/ImageInputError.js";

/** Bounds that keep a small image at its own size (56×28 is 2 tokens). */
const small = { minImageTokens: 1, maxImageTokens: 4096 };

function rgba(pixel: [number, number, number, number], w = 56, h = 28): Uint8Array {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < data.length; i += 4) data.set(pixel, i);
  return data;
}

describe("prepareFrame", () => {
  test("RGBA: opaque keeps its colour, transparent becomes white, half-transparent blends on white", async () => {
    const pixel = async (p: [number, number, number, number]) => [
      ...(await prepareFrame({ data: rgba(p), width: 56, height: 28, channels: 4 }, small)).rgb.data.slice(0, 3),
    ];
    assert.deepEqual(await pixel([200, 10, 20, 255]), [200, 10, 20]);
    assert.deepEqual(await pixel([200, 10, 20, 0]), [255, 255, 255]);
    const half = await pixel([0, 0, 0, 128]);
    assert.ok(
      half.every((v) => Math.abs(v - 127) <= 1),
      `black at alpha 128 on white: ${half}`,
    );
  });

  test("BGRA comes out as RGB", async () => {
    const p = await prepareFrame({ data: rgba([20, 10, 200, 255]), width: 56, height: 28, channels: 4, order: "bgr" }, small);
    assert.deepEqual([...p.rgb.data.slice(0, 6)], [200, 10, 20, 200, 10, 20]);
  });

  test("resizes to exactly the smart_resize frame: 1920×1080 → 1932×1092 RGB", async () => {
    const p = await prepareFrame({ data: new Uint8Array(1920 * 1080 * 4).fill(255), width: 1920, height: 1080, channels: 4 });
    assert.deepEqual(p.frame, { width: 1932, height: 1092, tokens: 2691 });
    assert.equal(p.rgb.data.length, 1932 * 1092 * 3);
    assert.deepEqual(p.region, { x: 0, y: 0, width: 1920, height: 1080 });
  });

  test("the frame's pixels do not depend on how many threads resize it", async () => {
    // a 4K-like noisy screen, shrunk: every output pixel mixes many input pixels across tile seams
    const width = 2880;
    const height = 1620;
    const data = new Uint8Array(width * height * 4);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    for (let i = 3; i < data.length; i += 4) data[i] = 255;
    const image = { data, width, height, channels: 4 as const };
    try {
      sharp.concurrency(1);
      const one = await prepareFrame(image);
      sharp.concurrency(4);
      const four = await prepareFrame(image);
      assert.deepEqual(one.frame, four.frame);
      assert.ok(one.frame.width < width, "the frame was resized");
      assert.ok(Buffer.from(one.rgb.data).equals(Buffer.from(four.rgb.data)), "same bytes with 1 and 4 threads");
    } finally {
      sharp.concurrency(FRAME_THREADS);
    }
  });

  test("a region is cut from the native pixels before resizing", async () => {
    const w = 112;
    const data = new Uint8Array(w * 28 * 3);
    for (let y = 0; y < 28; y++) for (let x = 56; x < w; x++) data.set([0, 0, 255], (y * w + x) * 3);
    const p = await prepareFrame({ data, width: w, height: 28, channels: 3 }, small, { x: 56, y: 0, width: 56, height: 28 });
    assert.deepEqual([p.rgb.width, p.rgb.height], [56, 28]);
    assert.ok(
      p.rgb.data.every((v, i) => v === (i % 3 === 2 ? 255 : 0)),
      "only the blue half",
    );
  });

  test("bad sizes, data and regions are ImageInputErrors", async () => {
    await assert.rejects(prepareFrame({ data: new Uint8Array(10), width: 56, height: 28, channels: 3 }), ImageInputError);
    await assert.rejects(prepareFrame({ data: new Uint8Array(0), width: 0, height: 28, channels: 3 }), ImageInputError);
    await assert.rejects(
      prepareFrame({ data: rgba([0, 0, 0, 255]), width: 56, height: 28, channels: 4 }, small, { x: 30, y: 0, width: 56, height: 28 }),
      ImageInputError,
    );
    await assert.rejects(prepareFrame({ data: new Uint8Array(201 * 1 * 3), width: 201, height: 1, channels: 3 }), /more than 200:1/);
  });
});
