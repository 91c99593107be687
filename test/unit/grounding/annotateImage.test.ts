import { describe, test } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { annotateImage } from "../../../agent/grounding/annotateImage.js";

describe("annotateImage", () => {
  test("draws the box and the point on a same-size PNG, leaving the rest alone", async () => {
    const w = 400;
    const h = 300;
    const png = await annotateImage(
      { data: new Uint8Array(w * h * 3).fill(255), width: w, height: h, channels: 3 },
      { point: { x: 200, y: 150 }, box: [100, 100, 300, 200], label: "Save <ok>" },
    );
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height], [w, h]);
    const px = (x: number, y: number) => [...data.subarray((y * w + x) * 3, (y * w + x) * 3 + 3)];
    const [r, g, b] = px(200, 150);
    assert.ok(r! > 200 && g! < 80 && b! < 80, `red cross at the point: ${px(200, 150)}`);
    const [br, bg] = px(100, 170);
    assert.ok(bg! > 180 && br! < 80, `green box edge: ${px(100, 170)}`);
    assert.deepEqual(px(20, 280), [255, 255, 255]);
  });
});
