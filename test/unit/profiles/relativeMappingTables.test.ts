import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Display } from "../../../agent/geometry/Display.js";
import type { Region } from "../../../agent/geometry/shapes.js";
import { candidateToImage, candidateToScreen } from "../../../agent/grounding/mapCandidate.js";
import { zoomCrop } from "../../../agent/grounding/zoomCrop.js";
import { actionToScreen } from "../../../agent/loop/actionToScreen.js";
import type { CoordinateSpace } from "../../../agent/profiles/coordinateSpace.js";
import { parseActionAnswer, parseGroundingAnswerAs } from "../../../agent/profiles/parseModelAnswer.js";
import { display } from "../../support/displayLayouts.js";

// Every expected screen point below was worked out by hand, not by the code under test. A relative
// answer names a position: native x = region.x + a·region.width / S (S = 1000 or 999), the pixel is
// floor(native x), and the screen point is display.x + pixel / scaleFactor. The frame (Qwen3-VL's
// 32-px grid, sizes from smart_resize by hand) matters only where a point is clamped to the edge.

const click = (x: number, y: number) =>
  `<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [${x}, ${y}]}}\n</tool_call>`;

interface Row {
  readonly what: string;
  readonly display: Display;
  readonly frame: { width: number; height: number };
  readonly region: Region;
  readonly space: CoordinateSpace;
  readonly answer: [number, number];
  readonly screen: [number, number];
}

const hd = display({ x: 0, y: 0, width: 1920, height: 1080 });
const qhd = display({ x: 0, y: 0, width: 2560, height: 1440 });
const uhdAt2 = display({ x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 2 }); // native 3840×2160
const leftAbove = display({ x: -1920, y: -200, width: 1920, height: 1080 }); // a second monitor left of and above the primary
const uhd = display({ x: 0, y: 0, width: 3840, height: 2160 });

// 1920×1080 → 60×34 cells = 1920×1088; 2560×1440 → 80×45 = 2560×1440; 3840×2160 → 8160 cells > 4096,
// so β = √(3840·2160 / (4096·1024)) = 1.40625 and the frame is 85×48 cells = 2720×1536.
const HD_FRAME = { width: 1920, height: 1088 };
const QHD_FRAME = { width: 2560, height: 1440 };
const UHD_FRAME = { width: 2720, height: 1536 };
const full = (w: number, h: number): Region => ({ x: 0, y: 0, width: w, height: h });

const ROWS: readonly Row[] = [
  { what: "1920×1080, 0–1000, centre", display: hd, frame: HD_FRAME, region: full(1920, 1080), space: "relative-1000", answer: [500, 500], screen: [960, 540] },
  {
    what: "1920×1080, 0–1000, off-centre",
    display: hd,
    frame: HD_FRAME,
    region: full(1920, 1080),
    space: "relative-1000",
    answer: [123, 877],
    screen: [236, 947],
  }, // 236.16, 947.16
  {
    what: "1920×1080, 0–1000, (900, 900)",
    display: hd,
    frame: HD_FRAME,
    region: full(1920, 1080),
    space: "relative-1000",
    answer: [900, 900],
    screen: [1728, 972],
  },
  {
    what: "1920×1080, 0–999, (900, 900): further right than 0–1000",
    display: hd,
    frame: HD_FRAME,
    region: full(1920, 1080),
    space: "relative-999",
    answer: [900, 900],
    screen: [1729, 972],
  }, // 1729.73, 972.97
  {
    what: "1920×1080, 0–999, (999, 999) is the last pixel",
    display: hd,
    frame: HD_FRAME,
    region: full(1920, 1080),
    space: "relative-999",
    answer: [999, 999],
    screen: [1919, 1079],
  },
  {
    what: "1920×1080, 0–1000, (1000, 1000) is the last pixel",
    display: hd,
    frame: HD_FRAME,
    region: full(1920, 1080),
    space: "relative-1000",
    answer: [1000, 1000],
    screen: [1919, 1079],
  },
  { what: "2560×1440, 0–1000", display: qhd, frame: QHD_FRAME, region: full(2560, 1440), space: "relative-1000", answer: [250, 750], screen: [640, 1080] },
  { what: "2560×1440, 0–999", display: qhd, frame: QHD_FRAME, region: full(2560, 1440), space: "relative-999", answer: [333, 666], screen: [853, 960] }, // 853.33, 960
  {
    what: "3840×2160 at scale 2, 0–1000, centre",
    display: uhdAt2,
    frame: UHD_FRAME,
    region: full(3840, 2160),
    space: "relative-1000",
    answer: [500, 500],
    screen: [960, 540],
  },
  {
    what: "3840×2160 at scale 2, 0–1000",
    display: uhdAt2,
    frame: UHD_FRAME,
    region: full(3840, 2160),
    space: "relative-1000",
    answer: [101, 203],
    screen: [193.5, 219],
  }, // native 387.84, 438.48
  {
    what: "3840×2160 at scale 2, 0–999",
    display: uhdAt2,
    frame: UHD_FRAME,
    region: full(3840, 2160),
    space: "relative-999",
    answer: [101, 203],
    screen: [194, 219],
  }, // native 388.23, 438.92
  {
    what: "second monitor at (−1920, −200), 0–1000",
    display: leftAbove,
    frame: HD_FRAME,
    region: full(1920, 1080),
    space: "relative-1000",
    answer: [250, 500],
    screen: [-1440, 340],
  },
  {
    what: "second monitor at (−1920, −200), 0–999",
    display: leftAbove,
    frame: HD_FRAME,
    region: full(1920, 1080),
    space: "relative-999",
    answer: [998, 1],
    screen: [-2, -199],
  }, // native 1918.08, 1.08
  // The zoom crop below: 1920×1056 of a 3840×2160 capture at (1000, 500), its own frame 60×33 cells.
  {
    what: "zoom crop of 3840×2160, 0–1000",
    display: uhd,
    frame: { width: 1920, height: 1056 },
    region: { x: 1000, y: 500, width: 1920, height: 1056 },
    space: "relative-1000",
    answer: [500, 500],
    screen: [1960, 1028],
  },
  {
    what: "zoom crop of 3840×2160, 0–999",
    display: uhd,
    frame: { width: 1920, height: 1056 },
    region: { x: 1000, y: 500, width: 1920, height: 1056 },
    space: "relative-999",
    answer: [250, 750],
    screen: [1480, 1292],
  }, // 1480.48, 1292.79
];

describe("relative 0–1000 and 0–999 answers to screen pixels: tables derived by hand", () => {
  for (const row of ROWS) {
    test(`${row.what}: (${row.answer.join(", ")}) → (${row.screen.join(", ")})`, () => {
      const action = parseActionAnswer("qwen3-vl", click(...row.answer), row.frame, row.space);
      const screen = actionToScreen(action, row.frame, row.region, row.display);
      assert.deepEqual((screen as { coordinate: number[] }).coordinate, row.screen);
    });
  }

  test("a zoom crop on Qwen3-VL's grid has sides in whole 32-px cells, centred on the coarse hit", () => {
    // min(frame side, half the image) floored to 32: min(2720, 1920) = 1920; min(1536, 1080) = 1080 → 33 cells = 1056.
    assert.deepEqual(zoomCrop({ width: 3840, height: 2160 }, { ...UHD_FRAME, tokens: 4080 }, { x: 1960, y: 1028 }, 32), {
      x: 1000,
      y: 500,
      width: 1920,
      height: 1056,
    });
    // On Qwen2.5-VL's 28-px grid the same crop is 38 cells high (1064).
    assert.equal(zoomCrop({ width: 3840, height: 2160 }, { width: 2716, height: 1540, tokens: 97 * 55 }, { x: 1960, y: 1028 }, 28).height, 1064);
  });

  test("a grounding point in 0–999 maps to the exact position, not a pixel: (500, 500) on 1920×1080 is (960.96…, 540.54…)", () => {
    const parsed = parseGroundingAnswerAs("qwen3-vl", '[{"point_2d": [500, 500], "label": "x"}]', HD_FRAME, "relative-999");
    const screen = candidateToScreen(candidateToImage(parsed.best, HD_FRAME, full(1920, 1080)), leftAbove);
    assert.ok(Math.abs(screen.point.x - (-1920 + (500 * 1920) / 999)) < 1e-9, `x ${screen.point.x}`);
    assert.ok(Math.abs(screen.point.y - (-200 + (500 * 1080) / 999)) < 1e-9, `y ${screen.point.y}`);
  });

  test("a 0–999 answer above 1000 is refused, naming frame pixels", () => {
    assert.throws(() => parseActionAnswer("qwen3-vl", click(1200, 40), HD_FRAME, "relative-999"), /above 1000.*0–999.*--coordinates frame/s);
  });
});
