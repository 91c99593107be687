import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { bgraToRgbaInPlace, makeOpaque } from "../../../agent/capture/pixels.js";

// Three pixels as an X11 framebuffer holds them, B G R A, with alpha left 0 or odd values.
const bgra = [
  0x10,
  0x20,
  0x30,
  0x00, // B=10 G=20 R=30
  0xff,
  0x00,
  0x80,
  0x7f, // B=ff G=00 R=80
  0x01,
  0x02,
  0x03,
  0xff, // B=01 G=02 R=03
];
// The same pixels as opaque R G B A, written out by hand.
const rgba = [0x30, 0x20, 0x10, 0xff, 0x80, 0x00, 0xff, 0xff, 0x03, 0x02, 0x01, 0xff];

describe("bgraToRgbaInPlace", () => {
  test("swaps blue and red and makes alpha opaque", () => {
    const data = Buffer.from(new Uint8Array(bgra));
    const out = bgraToRgbaInPlace(data);
    assert.equal(out, data, "converts in place");
    assert.deepEqual([...out], rgba);
  });

  for (const offset of [1, 2, 3]) {
    test(`works on a buffer that starts ${offset} byte(s) past a 4-byte boundary`, () => {
      const backing = Buffer.alloc(bgra.length + 8, 0xee);
      const data = backing.subarray(offset, offset + bgra.length);
      data.set(bgra);
      assert.notEqual(data.byteOffset % 4, 0);
      bgraToRgbaInPlace(data);
      assert.deepEqual([...data], rgba);
      // Bytes around the view are not touched.
      assert.deepEqual([...backing.subarray(0, offset)], new Array(offset).fill(0xee));
      assert.deepEqual([...backing.subarray(offset + bgra.length)], new Array(8 - offset).fill(0xee));
    });
  }

  test("a view at a non-zero but aligned offset converts only its own bytes", () => {
    const backing = Buffer.alloc(bgra.length + 8, 0xee);
    const data = backing.subarray(4, 4 + bgra.length);
    data.set(bgra);
    bgraToRgbaInPlace(data);
    assert.deepEqual([...data], rgba);
    assert.deepEqual([...backing.subarray(0, 4)], [0xee, 0xee, 0xee, 0xee]);
    assert.deepEqual([...backing.subarray(4 + bgra.length)], [0xee, 0xee, 0xee, 0xee]);
  });

  test("a 1080p frame: every pixel converted, first and last checked", () => {
    const frame = Buffer.alloc(1920 * 1080 * 4);
    for (let i = 0; i < frame.length; i += 4) frame.set([0x11, 0x22, 0x33, 0x00], i);
    bgraToRgbaInPlace(frame);
    assert.deepEqual([...frame.subarray(0, 4)], [0x33, 0x22, 0x11, 0xff]);
    assert.deepEqual([...frame.subarray(frame.length - 4)], [0x33, 0x22, 0x11, 0xff]);
    let wrong = 0;
    for (let i = 0; i < frame.length; i += 4) if (frame[i] !== 0x33 || frame[i + 2] !== 0x11 || frame[i + 3] !== 0xff) wrong++;
    assert.equal(wrong, 0);
  });
});

describe("makeOpaque", () => {
  test("sets every fourth byte to 255 and leaves colour alone", () => {
    const data = Buffer.from([1, 2, 3, 0, 4, 5, 6, 9]);
    assert.deepEqual([...makeOpaque(data)], [1, 2, 3, 255, 4, 5, 6, 255]);
  });
});
