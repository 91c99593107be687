import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { clampToFrame, FRAME_TOLERANCE_PX } from "../../../agent/geometry/clampToFrame.js";
import { candidateToImage } from "../../../agent/grounding/mapCandidate.js";
import { parseGroundingAnswer } from "../../../agent/profiles/qwen25vl/parseGroundingAnswer.js";
import { actionToScreen } from "../../../agent/loop/actionToScreen.js";
import { parseToolCall } from "../../../agent/profiles/qwen25vl/parseToolCall.js";
import { OutOfFrameError } from "../../../agent/errors/OutOfFrameError.js";

// 1920x1080 screen at scale 1 → 1932x1092 frame (2691 tokens).
const frame = { width: 1932, height: 1092 };
const region = { x: 0, y: 0, width: 1920, height: 1080 };
const display = { id: "1", x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 1, primary: true, name: "test" };

describe("clampToFrame", () => {
  test("inside the frame, far edges included, nothing changes", () => assert.deepEqual(clampToFrame({ x: 10, y: 1092 }, frame), { x: 10, y: 1092 }));
  test("an overshoot at an edge becomes the edge", () => {
    assert.deepEqual(clampToFrame({ x: 1950, y: -3 }, frame), { x: 1932, y: 0 });
    assert.deepEqual(clampToFrame({ x: 1932 + FRAME_TOLERANCE_PX, y: 1092 + FRAME_TOLERANCE_PX }, frame), { x: 1932, y: 1092 });
  });
  test("far outside it is an OutOfFrameError that says why", () => {
    assert.throws(
      () => clampToFrame({ x: 1933 + FRAME_TOLERANCE_PX, y: 5 }, frame),
      (e: unknown) => e instanceof OutOfFrameError && e.code === "OUT_OF_FRAME" && /1932x1092/.test(e.message),
    );
    assert.throws(() => clampToFrame({ x: 2560, y: 5 }, frame), OutOfFrameError);
  });
});

describe("an overshooting answer gives the clamped point, not a truncated one", () => {
  const screenX = (answer: string) => {
    const action = parseToolCall(answer);
    const mapped = actionToScreen(action, frame, region, display);
    return "coordinate" in mapped ? mapped.coordinate![0] : undefined;
  };
  test("loop: x=1950 on the 1932-wide frame clicks the right-most column, not x=195", () => {
    const x = screenX('<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [1950, 500]}}\n</tool_call>');
    assert.equal(x, 1919);
    // what the old range grammar forced the model to write instead
    const truncated = screenX('<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [195, 500]}}\n</tool_call>');
    assert.ok(Math.abs(x - truncated!) > 1700);
  });
  test("loop: far outside fails the step with the reason", () => {
    assert.throws(() => actionToScreen(parseToolCall('{"action": "left_click", "coordinate": [2560, 500]}'), frame, region, display), OutOfFrameError);
  });
  test("grounding: a box past the edge is clamped corner by corner, its point inside", () => {
    const parsed = parseGroundingAnswer('{"bbox_2d": [1900, 100, 1950, 140], "label": "close"}', frame, "close");
    const c = candidateToImage(parsed.best, frame, region);
    assert.ok(c.box![2] <= 1920 && c.point.x < 1920 && c.point.x > 1880, JSON.stringify(c));
  });
  test("grounding: a point far outside is refused as out of frame", () => {
    assert.throws(() => parseGroundingAnswer('{"point_2d": [2560, 100]}', frame), /outside its 1932x1092 frame/);
  });
});
