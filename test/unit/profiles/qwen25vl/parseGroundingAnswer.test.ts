import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseGroundingAnswer } from "../../../../agent/profiles/qwen25vl/parseGroundingAnswer.js";
import { GroundingAnswerError } from "../../../../agent/profiles/errors/GroundingAnswerError.js";

const frame = { width: 1932, height: 1092 };

describe("parseGroundingAnswer on realistic answers", () => {
  test("Qwen2.5-VL's fenced JSON list with one box", () => {
    const raw = '```json\n[\n\t{"bbox_2d": [1203, 44, 1281, 80], "label": "Save button"}\n]\n```';
    const { best, others } = parseGroundingAnswer(raw, frame, "the Save button");
    assert.deepEqual(best, { point: { x: 1242, y: 62 }, box: [1203, 44, 1281, 80], label: "Save button" });
    assert.deepEqual(others, []);
  });

  test("a point object, bare", () => {
    assert.deepEqual(parseGroundingAnswer('{"point_2d": [512, 300], "label": "OK"}', frame).best, { point: { x: 512, y: 300 }, label: "OK" });
  });

  test("several objects: the label matching the query wins, the others are kept in order", () => {
    const raw =
      '```json\n[{"bbox_2d": [10, 10, 50, 30], "label": "Open"}, {"bbox_2d": [60, 10, 100, 30], "label": "Save"}, {"bbox_2d": [110, 10, 150, 30], "label": "Save As"}]\n```';
    const { best, others } = parseGroundingAnswer(raw, frame, "the Save button");
    assert.equal(best.label, "Save");
    assert.deepEqual(
      others.map((o) => o.label),
      ["Save As", "Open"],
    );
  });

  test("no label matches: the first object wins", () => {
    const raw = '[{"point_2d": [1, 2], "label": "a"}, {"point_2d": [3, 4], "label": "b"}]';
    assert.deepEqual(parseGroundingAnswer(raw, frame, "zzz").best.point, { x: 1, y: 2 });
  });

  test("prose around the JSON, reversed corners, and a truncated second object", () => {
    const raw = 'Sure! The Save button is here:\n```json\n{"bbox_2d": [300, 90, 200, 40], "label": "Save"}\n```\nand also [{"bbox_2d": [1, 2,';
    const { best, others } = parseGroundingAnswer(raw, frame);
    assert.deepEqual(best.box, [200, 40, 300, 90]);
    assert.deepEqual(others, []);
  });

  test("single quotes and a trailing comma are forgiven", () => {
    assert.deepEqual(parseGroundingAnswer("{'point_2d': [5, 6], 'label': 'x',}", frame).best.point, { x: 5, y: 6 });
  });

  test("a computer_use tool call's coordinate", () => {
    const raw = '<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [700, 420]}}\n</tool_call>';
    assert.deepEqual(parseGroundingAnswer(raw, frame).best.point, { x: 700, y: 420 });
  });

  test("Qwen2.5-VL's XML points, one or several per tag", () => {
    assert.deepEqual(parseGroundingAnswer('<points x1="812" y1="40" alt="Save button">Save button</points>', frame, "Save").best, {
      point: { x: 812, y: 40 },
      label: "Save button",
    });
    const { best, others } = parseGroundingAnswer('<points x1="10" y1="20" x2="30" y2="40" alt="icons">icons</points>', frame);
    assert.deepEqual(
      [best.point, ...others.map((o) => o.point)],
      [
        { x: 10, y: 20 },
        { x: 30, y: 40 },
      ],
    );
  });

  test("UI-TARS-1.5 action with a (x,y) start_box", () => {
    const raw = "Thought: The Save button is in the toolbar.\nAction: click(start_box='(1242,62)')";
    assert.deepEqual(parseGroundingAnswer(raw, frame).best, { point: { x: 1242, y: 62 }, label: "" });
  });

  test("UI-TARS box tokens: a point and a two-corner box", () => {
    assert.deepEqual(parseGroundingAnswer("click(start_box='<|box_start|>(85,430)<|box_end|>')", frame).best.point, { x: 85, y: 430 });
    const box = parseGroundingAnswer("<|box_start|>(100,200),(300,260)<|box_end|>", frame).best;
    assert.deepEqual(box.box, [100, 200, 300, 260]);
    assert.deepEqual(box.point, { x: 200, y: 230 });
  });

  test("a UI-TARS four-number tuple is a box", () => {
    assert.deepEqual(parseGroundingAnswer("click(start_box='(10,20,30,40)')", frame).best.box, [10, 20, 30, 40]);
  });

  test("garbage is a typed error that keeps the raw text", () => {
    for (const raw of ["", "I'm sorry, I can't help with that.", '{"label": "Save"}', "[1]", "```json\n{not json}\n```"]) {
      assert.throws(
        () => parseGroundingAnswer(raw, frame),
        (e: unknown) => {
          assert.ok(e instanceof GroundingAnswerError);
          assert.equal(e.code, "GROUNDING_UNPARSEABLE");
          assert.equal(e.raw, raw);
          assert.deepEqual(e.toJSON().raw, raw);
          return true;
        },
      );
    }
  });

  test("every place far outside the frame is a typed error; an outside one among inside ones is dropped", () => {
    assert.throws(
      () => parseGroundingAnswer('{"point_2d": [2500, 40]}', frame),
      (e: unknown) => e instanceof GroundingAnswerError && e.code === "GROUNDING_OUT_OF_FRAME" && /1932x1092/.test(e.message),
    );
    assert.throws(() => parseGroundingAnswer('{"bbox_2d": [-100, 10, 20, 30]}', frame), { code: "GROUNDING_OUT_OF_FRAME" });
    const { best, others } = parseGroundingAnswer('[{"point_2d": [5000, 5000], "label": "Save"}, {"point_2d": [9, 9], "label": "x"}]', frame, "Save");
    assert.deepEqual(best.point, { x: 9, y: 9 });
    assert.equal(others.length, 0);
  });

  test("a near miss past an edge is kept, for clampToFrame to bring onto the edge", () => {
    assert.deepEqual(parseGroundingAnswer('{"bbox_2d": [-5, 10, 20, 30]}', frame).best.box, [-5, 10, 20, 30]);
    assert.deepEqual(parseGroundingAnswer('{"point_2d": [1950, 40]}', frame).best.point, { x: 1950, y: 40 });
  });

  test("the frame's far edge is inside", () => {
    assert.deepEqual(parseGroundingAnswer('{"point_2d": [1932, 1092]}', frame).best.point, { x: 1932, y: 1092 });
  });
});
