import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ModelGrounder } from "../../../agent/grounding/ModelGrounder.js";
import { OracleAnswerer } from "../../../agent/grounding/OracleAnswerer.js";
import { zoomCrop } from "../../../agent/grounding/zoomCrop.js";
import type { SourceImage } from "../../../agent/frames/SourceImage.js";
import { display } from "../../support/displayLayouts.js";
import { ScriptedAnswerer } from "./support/ScriptedAnswerer.js";

const uhd = (): SourceImage => ({
  data: new Uint8Array(3840 * 2160 * 3),
  width: 3840,
  height: 2160,
  channels: 3,
  display: display({ x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 2 }),
});

/**
 * Hand-derived: 3840×2160 → coarse frame 2380×1344; crop sides min(frame side, half the image)
 * in multiples of 28: 1920 → 1904, 1080 → 1064 (68·38 = 2584 tokens, so the crop's frame is the
 * crop itself, native resolution).
 */
describe("zoom refinement maps through both frames", () => {
  test("crop geometry: centred on the hit, clamped inside the image", () => {
    const frame = { width: 2380, height: 1344, tokens: 4080 };
    assert.deepEqual(zoomCrop({ width: 3840, height: 2160 }, frame, { x: 2000, y: 1000 }), { x: 1048, y: 468, width: 1904, height: 1064 });
    assert.deepEqual(zoomCrop({ width: 3840, height: 2160 }, frame, { x: 3800, y: 2100 }), { x: 1936, y: 1096, width: 1904, height: 1064 });
    assert.deepEqual(zoomCrop({ width: 3840, height: 2160 }, frame, { x: 5, y: 5 }), { x: 0, y: 0, width: 1904, height: 1064 });
  });

  test("4K at scale 2: coarse hit, native crop, fine point → image → screen", async () => {
    // coarse (1190,672) → image (1920,1080); crop x = 1920-952 = 968, y = 1080-532 = 548
    // fine (100,50) in a 1904×1064 frame of a 1904×1064 crop → image (1068, 598) → screen (534, 299)
    const answerer = new ScriptedAnswerer(['{"point_2d": [1190, 672], "label": "a"}', '{"point_2d": [100, 50], "label": "a"}']);
    const result = await new ModelGrounder(answerer).ground(uhd(), "a"); // auto: 4K is zoomed
    assert.equal(result.timings.passes, 2);
    assert.deepEqual(result.zoom?.crop, { x: 968, y: 548, width: 1904, height: 1064 });
    assert.deepEqual(result.zoom?.coarse.point, { x: 1920, y: 1080 });
    assert.deepEqual(result.frame, { width: 1904, height: 1064, tokens: 2584 });
    assert.deepEqual(result.point, { x: 1068, y: 598 });
    assert.deepEqual(result.screen?.point, { x: 534, y: 299 });
    assert.equal(answerer.seen[1]!.prepared.rgb.width, 1904);
  });

  test("an upscaled crop (1080p, zoom forced): crop 952×532 → frame 1204×672", async () => {
    // β = √(1024·784/(952·532)) = 1.2590; w' = ceil(1198.6/28)·28 = 1204, h' = ceil(669.8/28)·28 = 672 (43·24 = 1032 tokens)
    // coarse (966,546) → (960,540); crop x = 960-476 = 484, y = 540-266 = 274
    // fine (301,168) → 484 + 301·952/1204 = 722, 274 + 168·532/672 = 407
    const image: SourceImage = {
      data: new Uint8Array(1920 * 1080 * 3),
      width: 1920,
      height: 1080,
      channels: 3,
      display: display({ x: 100, y: 0, width: 1920, height: 1080 }),
    };
    const answerer = new ScriptedAnswerer(['{"point_2d": [966, 546]}', '{"point_2d": [301, 168]}']);
    const result = await new ModelGrounder(answerer).ground(image, "a", { zoom: true });
    assert.deepEqual(result.zoom?.crop, { x: 484, y: 274, width: 952, height: 532 });
    assert.deepEqual(result.frame, { width: 1204, height: 672, tokens: 1032 });
    assert.deepEqual(result.point, { x: 722, y: 407 });
    assert.deepEqual(result.screen?.point, { x: 822, y: 407 });
  });

  test("auto zoom leaves 1080p and 1440p screens at one pass", async () => {
    for (const [w, h] of [
      [1920, 1080],
      [2560, 1440],
    ] as const) {
      const image: SourceImage = { data: new Uint8Array(w * h * 3), width: w, height: h, channels: 3 };
      const answerer = new ScriptedAnswerer(['{"point_2d": [10, 10]}']);
      const result = await new ModelGrounder(answerer).ground(image, "a");
      assert.equal(result.timings.passes, 1);
      assert.equal(result.zoom, undefined);
    }
  });

  test("a second pass that names nothing keeps the first pass's answer", async () => {
    const answerer = new ScriptedAnswerer(['{"point_2d": [1190, 672]}', "I do not see it."]);
    const result = await new ModelGrounder(answerer).ground(uhd(), "a");
    assert.deepEqual(result.point, { x: 1920, y: 1080 });
    assert.equal(result.zoom, undefined);
    assert.equal(result.raw, '{"point_2d": [1190, 672]}');
  });

  test("never worse than one pass: answers rounded to whole frame pixels land within the one-pass bound, and closer at worst", async () => {
    // One pass on 4K: a frame pixel is 3840/2380 = 1.613 native px wide, so rounding errs up to 0.807 px per axis.
    // Zoomed, the crop is seen at native resolution: at most 0.5 px per axis.
    const targets: [number, number][] = [
      [1001.3, 777.7],
      [3001.9, 1500.4],
      [37.5, 2100.2],
      [2222.2, 111.1],
      [1919.6, 1079.6],
      [3839.2, 5.7],
      [640.8, 1700.8],
      [2800.4, 950.5],
    ];
    let worstOne = 0;
    let worstTwo = 0;
    for (const [cx, cy] of targets) {
      const known = [{ query: "t", box: [cx - 4, cy - 3, cx + 4, cy + 3] as const }];
      const one = await new ModelGrounder(new OracleAnswerer(known)).ground(uhd(), "t", { zoom: false });
      const two = await new ModelGrounder(new OracleAnswerer(known)).ground(uhd(), "t", { zoom: true });
      assert.equal(two.timings.passes, 2);
      const dx = Math.abs(two.point.x - cx);
      const dy = Math.abs(two.point.y - cy);
      assert.ok(dx <= 0.5 + 1e-9 && dy <= 0.5 + 1e-9, `zoomed error (${dx}, ${dy}) at (${cx},${cy})`);
      assert.ok(Math.abs(one.point.x - cx) <= 3840 / 2380 / 2 + 1e-9 && Math.abs(one.point.y - cy) <= 2160 / 1344 / 2 + 1e-9);
      worstOne = Math.max(worstOne, Math.abs(one.point.x - cx), Math.abs(one.point.y - cy));
      worstTwo = Math.max(worstTwo, dx, dy);
    }
    assert.ok(worstTwo <= worstOne, `worst zoomed error ${worstTwo} vs one pass ${worstOne}`);
  });
});
