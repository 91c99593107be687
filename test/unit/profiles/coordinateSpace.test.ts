import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { InvalidActionError } from "../../../agent/errors/InvalidActionError.js";
import { UsageError } from "../../../agent/errors/UsageError.js";
import { actionToScreen } from "../../../agent/loop/actionToScreen.js";
import { parseCoordinateSpace, pointToFrame } from "../../../agent/profiles/coordinateSpace.js";
import { parseActionAnswer, parseGroundingAnswerAs } from "../../../agent/profiles/parseModelAnswer.js";
import { display } from "../../support/displayLayouts.js";

const FRAME = { width: 1932, height: 1092 };
const call = (args: object) => `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;

describe("coordinate spaces: relative 0–1000 and frame pixels, mapped exactly or refused with the reason", () => {
  test("a relative answer lands exactly where it points: (500, 500) of a 1920×1080 screen is its centre (960, 540)", () => {
    const action = parseActionAnswer("qwen2.5-vl", call({ action: "left_click", coordinate: [500, 500] }), FRAME, "relative-1000");
    const screen = actionToScreen(action, FRAME, { x: 0, y: 0, width: 1920, height: 1080 }, display({ x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 1 }));
    assert.deepEqual((screen as { coordinate: number[] }).coordinate, [960, 540]);
    // The corners stay on the frame: 0 and 1000 are its first and last pixels.
    assert.deepEqual(pointToFrame({ x: 0, y: 1000 }, FRAME, "relative-1000"), [0, 1091]);
  });

  test("on a frame of at least 1000×1000 a relative answer read as frame pixels would bunch top-left; told the space, it does not", () => {
    const raw = call({ action: "left_click", coordinate: [900, 900] });
    assert.deepEqual((parseActionAnswer("qwen2.5-vl", raw, FRAME) as { coordinate: number[] }).coordinate, [900, 900]);
    assert.deepEqual((parseActionAnswer("qwen2.5-vl", raw, FRAME, "relative-1000") as { coordinate: number[] }).coordinate, [1738.3, 982.3]);
  });

  test("a relative answer above 1000 is refused, naming frame pixels as the likely space", () => {
    assert.throws(
      () => parseActionAnswer("qwen2.5-vl", call({ action: "left_click", coordinate: [1500, 300] }), FRAME, "relative-1000"),
      (e: unknown) => e instanceof InvalidActionError && /above 1000/.test(e.message) && /--coordinates frame/.test(e.message),
    );
  });

  test("a frame-pixel answer just past the edge is clamped onto it; one far past is refused, naming relative-1000", () => {
    assert.deepEqual(
      (parseActionAnswer("qwen2.5-vl", call({ action: "left_click", coordinate: [1950, 1095] }), FRAME) as { coordinate: number[] }).coordinate,
      [1931, 1091],
    );
    assert.throws(
      () => parseActionAnswer("qwen2.5-vl", call({ action: "left_click", coordinate: [2600, 100] }), FRAME),
      (e: unknown) => e instanceof InvalidActionError && /relative-1000/.test(e.message) && /1932x1092/.test(e.message),
    );
    assert.throws(() => parseActionAnswer("qwen2.5-vl", call({ action: "left_click", coordinate: [-5, 100] }), FRAME), /negative/);
  });

  test("a drag's start is mapped too", () => {
    const a = parseActionAnswer(
      "ui-tars-1.5",
      "Thought: x\nAction: drag(start_point='<point>0 0</point>', end_point='<point>1000 1000</point>')",
      FRAME,
      "relative-1000",
    );
    assert.deepEqual(a, { action: "left_click_drag", start_coordinate: [0, 0], coordinate: [1931, 1091] });
  });

  test("grounding: Qwen JSON in relative space maps onto the frame (boxes too); a frame-pixel answer past the frame is refused naming the space", () => {
    assert.deepEqual(parseGroundingAnswerAs("qwen2.5-vl", '{"point_2d": [500, 250], "label": "Save"}', FRAME, "relative-1000").best, {
      point: { x: 966, y: 273 },
      label: "Save",
    });
    assert.deepEqual(
      parseGroundingAnswerAs("qwen2.5-vl", '[{"bbox_2d": [100, 100, 200, 300], "label": "a"}]', FRAME, "relative-1000").best.box,
      [193.2, 109.2, 386.4, 327.6],
    );
    assert.deepEqual(parseGroundingAnswerAs("qwen2.5-vl", '{"point_2d": [966, 546]}', FRAME).best.point, { x: 966, y: 546 });
    assert.throws(
      () => parseGroundingAnswerAs("qwen2.5-vl", '{"point_2d": [2500, 1500]}', FRAME),
      (e: unknown) => (e as { code?: string }).code === "GROUNDING_OUT_OF_FRAME" && /relative-1000/.test((e as Error).message),
    );
    assert.throws(
      () => parseGroundingAnswerAs("qwen2.5-vl", '{"point_2d": [1500, 20]}', FRAME, "relative-1000"),
      (e: unknown) => (e as { code?: string }).code === "GROUNDING_OUT_OF_FRAME" && /frame pixels/.test((e as Error).message),
    );
  });

  test("--coordinates takes frame | frame-pixels | relative-1000; anything else is a usage error listing them", () => {
    assert.equal(parseCoordinateSpace("frame"), "frame-pixels");
    assert.equal(parseCoordinateSpace("relative-1000"), "relative-1000");
    assert.throws(
      () => parseCoordinateSpace("normalized"),
      (e: unknown) => e instanceof UsageError && /frame .*relative-1000/.test(e.message),
    );
  });
});
