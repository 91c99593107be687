import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { groundingGrammar } from "../../../../agent/profiles/qwen25vl/groundingGrammar.js";
import { parseGroundingAnswer } from "../../../../agent/profiles/qwen25vl/parseGroundingAnswer.js";
import { gbnfRegExp } from "../../../support/gbnfRegExp.js";

const frame = { width: 1932, height: 1092 };

describe("groundingGrammar", () => {
  const box = gbnfRegExp(groundingGrammar(frame, "box"));
  const point = gbnfRegExp(groundingGrammar(frame, "point"));
  // The forms Qwen2.5-VL writes (docs/design.md §4; the cookbooks' outputs): fenced or bare, a list or one object, indented or not.
  const admitted: [RegExp, string, { x: number; y: number }][] = [
    [box, '```json\n[\n\t{"bbox_2d": [100, 200, 300, 400], "label": "Save button"}\n]\n```', { x: 200, y: 300 }],
    [box, '[{"bbox_2d": [100, 200, 300, 400], "label": "Save"}]', { x: 200, y: 300 }],
    [box, '{"bbox_2d": [100, 200, 300, 400], "label": "Save"}', { x: 200, y: 300 }],
    [box, '{"bbox_2d": [100,200,300,400]}', { x: 200, y: 300 }],
    [box, '```json\n[\n    {\n        "bbox_2d": [100, 200, 300, 400],\n        "label": "Save"\n    }\n]\n```', { x: 200, y: 300 }],
    [box, '[{"bbox_2d": [100, 200, 300, 400], "label": "Save"}, {"bbox_2d": [0, 0, 10, 10], "label": "Open", "sub_label": "menu"},]', { x: 200, y: 300 }],
    [point, '```json\n[\n\t{"point_2d": [966, 546], "label": "the search box"}\n]\n```', { x: 966, y: 546 }],
    [point, '{"point_2d": [966, 546], "label": "x"}', { x: 966, y: 546 }],
    [point, '{"point_2d": [1950, 546], "label": "past the right edge"}', { x: 1950, y: 546 }],
  ];
  for (const [re, answer, best] of admitted) {
    test(`admits ${JSON.stringify(answer)}`, () => {
      assert.match(answer, re);
      assert.deepEqual(parseGroundingAnswer(answer, frame, "save").best.point, best, "every admitted answer parses");
    });
  }
  const refused: [RegExp, string][] = [
    // the coordinates come first, as Qwen2.5-VL writes them: a label first would let an unsure model spend its tokens before the place
    [box, '{"label": "Save", "bbox_2d": [100, 200, 300, 400]}'],
    [point, '{"bbox_2d": [1, 2, 3, 4], "label": "x"}'],
    [box, '{"bbox_2d": [1, 2, 3], "label": "x"}'],
    [point, '{"point_2d": [01, 2]}'],
    [point, '{"point_2d": [-1, 2]}'],
    [point, '{"point_2d": [123456, 2]}'],
    [point, "The button is at (12, 34)."],
  ];
  for (const [re, answer] of refused) test(`refuses ${JSON.stringify(answer)}`, () => assert.doesNotMatch(answer, re));

  test("numbers are never limited digit by digit: a 4-digit x on a 1932-wide frame is admitted whatever its digits", () => {
    for (const x of [1931, 1932, 1950, 1999, 9999]) assert.match(`{"point_2d": [${x}, 5]}`, point, String(x));
  });
});
