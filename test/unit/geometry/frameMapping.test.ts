import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ModelGrounder } from "../../../agent/grounding/ModelGrounder.js";
import { frameToImage, imageToFrame, imageToScreen } from "../../../agent/geometry/frameMapping.js";
import type { SourceImage } from "../../../agent/frames/SourceImage.js";
import { display } from "../../support/displayLayouts.js";
import { ScriptedAnswerer } from "../grounding/support/ScriptedAnswerer.js";

/**
 * Every expected value here was worked out by hand from docs/design.md §3 (smart_resize with 1024…4096
 * tokens, then x_image = x·W/w', x_screen = origin + x_image/scale), never from the code's output.
 * E.g. 2880×1800: β² = 2880·1800/(4096·784), h/β = √(0.625·3211264) = 1416.7 → 50·28 = 1400,
 * w/β = 2266.7 → 80·28 = 2240.
 */
interface Row {
  readonly name: string;
  readonly native: [number, number];
  readonly origin: [number, number];
  readonly scale: number;
  readonly frame: [number, number, number];
  /** [frame x, frame y, image x, image y, screen x, screen y] */
  readonly points: [number, number, number, number, number, number][];
}

const rows: Row[] = [
  {
    name: "1366×768",
    native: [1366, 768],
    origin: [0, 0],
    scale: 1,
    frame: [1372, 756, 1323],
    points: [
      [686, 378, 683, 384, 683, 384],
      [0, 0, 0, 0, 0, 0],
      [1372, 756, 1366, 768, 1366, 768],
    ],
  },
  {
    name: "1920×1080",
    native: [1920, 1080],
    origin: [0, 0],
    scale: 1,
    frame: [1932, 1092, 2691],
    points: [
      [966, 546, 960, 540, 960, 540],
      [483, 273, 480, 270, 480, 270],
    ],
  },
  {
    name: "2560×1440 at the 4096-token cap",
    native: [2560, 1440],
    origin: [0, 0],
    scale: 1,
    frame: [2380, 1344, 4080],
    points: [
      [1190, 672, 1280, 720, 1280, 720],
      [476, 336, 512, 360, 512, 360],
    ],
  },
  {
    name: "3840×2160 at scale 2",
    native: [3840, 2160],
    origin: [0, 0],
    scale: 2,
    frame: [2380, 1344, 4080],
    points: [
      [1190, 672, 1920, 1080, 960, 540],
      [476, 336, 768, 540, 384, 270],
    ],
  },
  {
    name: "2880×1800 at scale 2",
    native: [2880, 1800],
    origin: [0, 0],
    scale: 2,
    frame: [2240, 1400, 4000],
    points: [
      [1120, 700, 1440, 900, 720, 450],
      [224, 140, 288, 180, 144, 90],
    ],
  },
  { name: "portrait 1080×1920", native: [1080, 1920], origin: [0, 0], scale: 1, frame: [1092, 1932, 2691], points: [[546, 966, 540, 960, 540, 960]] },
  {
    name: "second monitor at x=1920",
    native: [1920, 1080],
    origin: [1920, 0],
    scale: 1,
    frame: [1932, 1092, 2691],
    points: [
      [966, 546, 960, 540, 2880, 540],
      [0, 0, 0, 0, 1920, 0],
    ],
  },
  {
    name: "monitor at a negative origin (-1280,-200)",
    native: [1280, 1024],
    origin: [-1280, -200],
    scale: 1,
    frame: [1288, 1036, 1702],
    points: [
      [644, 518, 640, 512, -640, 312],
      [0, 0, 0, 0, -1280, -200],
    ],
  },
];

function screenImage(row: Row): SourceImage {
  const [w, h] = row.native;
  const d = display({ x: row.origin[0], y: row.origin[1], width: w / row.scale, height: h / row.scale, scaleFactor: row.scale });
  return { data: new Uint8Array(w * h * 3), width: w, height: h, channels: 3, display: d };
}

describe("model frame ↔ image ↔ screen (hand-derived table)", () => {
  for (const row of rows) {
    test(row.name, async () => {
      const image = screenImage(row);
      for (const [fx, fy, ix, iy, sx, sy] of row.points) {
        const answerer = new ScriptedAnswerer([`{"point_2d": [${fx}, ${fy}], "label": "x"}`]);
        const result = await new ModelGrounder(answerer).ground(image, "x", { zoom: false });
        assert.deepEqual(result.frame, { width: row.frame[0], height: row.frame[1], tokens: row.frame[2] });
        assert.deepEqual(answerer.seen[0]!.prepared.rgb.width, row.frame[0], "the model is handed exactly the frame");
        assert.deepEqual(result.point, { x: ix, y: iy }, `image point for frame (${fx},${fy})`);
        assert.deepEqual(result.screen?.point, { x: sx, y: sy }, `screen point for frame (${fx},${fy})`);
        const region = { x: 0, y: 0, width: row.native[0], height: row.native[1] };
        const frame = { width: row.frame[0], height: row.frame[1] };
        assert.deepEqual(imageToFrame(frameToImage({ x: fx, y: fy }, frame, region), frame, region), { x: fx, y: fy });
      }
    });
  }

  test("a box maps corner by corner, and its point is the centre", async () => {
    const image = screenImage(rows[3]!); // 3840×2160 @2 → frame 2380×1344
    const answerer = new ScriptedAnswerer(['```json\n[{"bbox_2d": [476, 336, 1190, 672], "label": "Save"}]\n```']);
    const result = await new ModelGrounder(answerer).ground(image, "Save", { mode: "box", zoom: false });
    assert.deepEqual(result.box, [768, 540, 1920, 1080]);
    assert.deepEqual(result.point, { x: 1344, y: 810 });
    assert.deepEqual(result.screen, { point: { x: 672, y: 405 }, box: [384, 270, 960, 540] });
  });

  test("an image that did not come from a display has no screen coordinates", async () => {
    const image: SourceImage = { data: new Uint8Array(1920 * 1080 * 3), width: 1920, height: 1080, channels: 3 };
    const result = await new ModelGrounder(new ScriptedAnswerer(['{"point_2d": [966, 546]}'])).ground(image, "x");
    assert.deepEqual(result.point, { x: 960, y: 540 });
    assert.equal(result.screen, undefined);
  });

  test("screen mapping of a HiDPI second monitor: origin plus native over scale", () => {
    const d = display({ x: 1280, y: 0, width: 1024, height: 600, scaleFactor: 2 });
    assert.deepEqual(imageToScreen({ x: 2048, y: 1200 }, d), { x: 2304, y: 600 });
    assert.deepEqual(imageToScreen({ x: 1, y: 1 }, d), { x: 1280.5, y: 0.5 });
  });
});
