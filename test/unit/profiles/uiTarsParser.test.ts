import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ComputerAction } from "../../../agent/actions/ComputerAction.js";
import { InvalidActionError } from "../../../agent/errors/InvalidActionError.js";
import { parseActionAnswer, parseGroundingAnswerAs } from "../../../agent/profiles/parseModelAnswer.js";
import { readUiTarsCall } from "../../../agent/profiles/uiTars/readUiTarsCall.js";
import { uiTarsGrammar, uiTarsGroundingGrammar } from "../../../agent/profiles/uiTars/uiTarsGrammar.js";
import { grammarRegExp } from "./support/grammarRegExp.js";

const FRAME = { width: 1932, height: 1092 };
const parse = (raw: string, frame = FRAME, space?: "frame-pixels" | "relative-1000") => parseActionAnswer("ui-tars-1.5", raw, frame, space);

/**
 * Real UI-TARS answers in every form it writes, each with where it was read (answers, not code):
 * UT = bytedance/UI-TARS, UTD = bytedance/UI-TARS-desktop packages/ui-tars/action-parser/test/actionParser.test.ts.
 */
const CASES: { source: string; raw: string; frame?: { width: number; height: number }; space?: "relative-1000"; want: ComputerAction }[] = [
  {
    source: "UT README.md (UI-TARS-1.5 parsing example)",
    raw: "Thought: Click the button\nAction: click(start_box='(100,200)')",
    want: { action: "left_click", coordinate: [100, 200] },
  },
  {
    source: "UT README_coordinates.md (model_raw_response)",
    raw: "Thought: xxx\nAction: click(start_box='(197,525)')",
    want: { action: "left_click", coordinate: [197, 525] },
  },
  {
    source: "UT codes/tests/action_parser_test.py (test_parse_action_to_structure_output)",
    raw: "Thought: test\nAction: click(point='<point>200 300</point>')",
    want: { action: "left_click", coordinate: [200, 300] },
  },
  {
    source: "UT codes/tests/action_parser_test.py (test_parse_action_with_box_tokens)",
    raw: "Thought: test\nAction: click(start_box='<|box_start|>(112,224)<|box_end|>')",
    frame: { width: 224, height: 224 },
    want: { action: "left_click", coordinate: [112, 223] },
  },
  {
    source: "UT codes/tests/action_parser_test.py (test_parse_action: bare call)",
    raw: "click(point='<point>200 300</point>')",
    want: { action: "left_click", coordinate: [200, 300] },
  },
  {
    source: "UTD 'should correctly parse input with Thought'",
    raw: "Thought: I need to click this button\nAction: click(start_box='(100,200)')",
    want: { action: "left_click", coordinate: [100, 200] },
  },
  {
    source: "UTD 'Box coordinates normalization' four numbers: the centre",
    raw: "Thought: I need to click on this element\nAction: click(start_box='[348, 333, 928, 365]')",
    want: { action: "left_click", coordinate: [638, 349] },
  },
  {
    source: "UTD 'box marker coordinates as absolute pixels' (two corners in box tokens)",
    raw: "Thought: Click open\nAction: click(start_box='<|box_start|>(1290,718)<|box_end|>(1350,747)<|box_end|>')",
    want: { action: "left_click", coordinate: [1320, 732.5] },
  },
  {
    source: "UTD 'bc mode but hallucination' <bbox> form, UI-TARS-1.0 relative",
    raw: "Thought: 我需要先点击任务栏上的浏览器图标来启动浏览器。\nAction: click(start_box='<bbox>637 964 637 964</bbox>')",
    frame: { width: 2000, height: 1000 },
    space: "relative-1000",
    want: { action: "left_click", coordinate: [1273.5, 963.5] },
  },
  {
    source: "UTD <think> block, then Thought and a <point> (relative in UTD's own test)",
    raw: "<think>\nOkay, let's see. The user wants to search news.\n</think>\nThought: To search for news, first clear the existing text \"hi\".\nAction: click(point='<point>510 150</point>')",
    frame: { width: 2000, height: 1000 },
    space: "relative-1000",
    want: { action: "left_click", coordinate: [1019.5, 149.5] },
  },
  {
    source: "UTD 'should handle with Chinese colon'",
    raw: "Thought: I need to click this button\nAction：click(start_box='(100,200)')",
    want: { action: "left_click", coordinate: [100, 200] },
  },
  {
    source: "UTD 'should ignore Action marker text inside quoted action arguments'",
    raw: "Thought: Type raw text exactly\nAction: type(content='Action: wait()')",
    want: { action: "type", text: "Action: wait()" },
  },
  {
    source: "UTD 'possessive apostrophe in thought'",
    raw: "Thought: Open users' settings and continue.\nAction: click(start_box='(100,200)')",
    want: { action: "left_click", coordinate: [100, 200] },
  },
  { source: "UTD 'unterminated quote in thought text'", raw: 'Thought: click "Settings\nAction: wait()', want: { action: "wait", time: 5 } },
  {
    source: "UTD 'should not mutate non-box payload containing parenthesis'",
    raw: "Thought: Type literal parentheses\nAction: type(content='()()')",
    want: { action: "type", text: "()()" },
  },
  {
    source: "UTD 'final explicit Action marker' (chained answers)",
    raw: "Thought: Open Start menu first.\nAction: hotkey(key='ctrl esc')Thought: Type Cursor in search.\nAction: type(content='Cursor\\n')Thought: Wait for window.\nAction: wait()Thought: Finish if opened.\nAction: finished()",
    want: { action: "terminate", status: "success" },
  },
  {
    source: "UTD 'ignore Action keyword inside thought text'",
    raw: "Thought: I should avoid writing \"Action: wait()\" in reasoning.\nAction: click(start_box='[100,200]')",
    want: { action: "left_click", coordinate: [100, 200] },
  },
  {
    source: "UTD 'should handle multiple actions' (one step is one action: the first)",
    raw: "Thought: Perform multiple actions\nAction: click(start_box='(100,200)')\n\ntype(text='Hello', start_box='(300,400)')",
    want: { action: "left_click", coordinate: [100, 200] },
  },
  {
    source: "UTD 'start_box and end_box' drag",
    raw: "Thought: I need to click on this element\nAction: drag(start_box='[130,226]', end_box='[200,226]')",
    want: { action: "left_click_drag", start_coordinate: [130, 226], coordinate: [200, 226] },
  },
  {
    source: "bytedance/UI-TARS-desktop#942 (Doubao 1.6 output quoted there): a point missing its closing quote and parenthesis",
    raw: "click(point='<point>450 565</point>",
    want: { action: "left_click", coordinate: [450, 565] },
  },
  {
    source: "bytedance/UI-TARS-desktop#942 (Doubao 1.6, 'sometimes like'): a point missing its closing quote",
    raw: " click(point='<point>450 565</point>)",
    want: { action: "left_click", coordinate: [450, 565] },
  },
  // The action space of UT codes/ui_tars/prompt.py, as the model answers it.
  {
    source: "UT prompt.py action space: left_double",
    raw: "Thought: Open the file.\nAction: left_double(point='<point>400 300</point>')",
    want: { action: "double_click", coordinate: [400, 300] },
  },
  {
    source: "UT prompt.py action space: right_single",
    raw: "Thought: Open the context menu.\nAction: right_single(start_box='(640,360)')",
    want: { action: "right_click", coordinate: [640, 360] },
  },
  {
    source: "UT prompt.py action space: drag with points",
    raw: "Thought: Move the slider.\nAction: drag(start_point='<point>100 500</point>', end_point='<point>900 500</point>')",
    want: { action: "left_click_drag", start_coordinate: [100, 500], coordinate: [900, 500] },
  },
  {
    source: "UT prompt.py action space: hotkey, keys split by spaces",
    raw: "Thought: Copy it.\nAction: hotkey(key='ctrl c')",
    want: { action: "key", keys: ["ctrl", "c"] },
  },
  {
    source: "UT prompt.py action space: type with escapes and a trailing \\n (submit)",
    raw: "Thought: Type the name and submit.\nAction: type(content='It\\'s \"Ada\" at 10:30\\n')",
    want: { action: "type", text: 'It\'s "Ada" at 10:30\n' },
  },
  {
    source: "UT prompt.py action space: scroll down at a point",
    raw: "Thought: See more.\nAction: scroll(point='<point>960 540</point>', direction='down')",
    want: { action: "scroll", pixels: -500, coordinate: [960, 540] },
  },
  {
    source: "UT prompt.py (1.5 release): scroll up with start_box",
    raw: "Thought: Back to the top.\nAction: scroll(start_box='<|box_start|>(960,540)<|box_end|>', direction='up')",
    want: { action: "scroll", pixels: 500, coordinate: [960, 540] },
  },
  { source: "UT prompt.py action space: wait", raw: "Thought: The page is loading.\nAction: wait()", want: { action: "wait", time: 5 } },
  {
    source: "UT prompt.py action space: finished with content kept",
    raw: "Thought: Done.\nAction: finished(content='The form is submitted.')",
    want: { action: "terminate", status: "success", message: "The form is submitted." },
  },
  {
    source: "UT CALL_USR action space: call_user",
    raw: "Thought: I need the password.\nAction: call_user()",
    want: { action: "terminate", status: "failure", message: "the model asked for the user's help (call_user): the task looks unsolvable or needs the user" },
  },
];

describe("UI-TARS-1.5 answers → ComputerAction in frame pixels (parseActionAnswer)", () => {
  for (const c of CASES) {
    test(`${c.source}: ${JSON.stringify(c.raw.slice(-60))}`, () => {
      assert.deepEqual(parse(c.raw, c.frame, c.space), c.want);
    });
  }

  test("scroll left and right turn the wheel sideways: left is negative, right positive", () => {
    assert.deepEqual(parse("Thought: x\nAction: scroll(point='<point>5 5</point>', direction='left')"), {
      action: "scroll",
      axis: "horizontal",
      pixels: -500,
      coordinate: [5, 5],
    });
    assert.deepEqual(parse("Thought: x\nAction: scroll(point='<point>5 5</point>', direction='right')"), {
      action: "scroll",
      axis: "horizontal",
      pixels: 500,
      coordinate: [5, 5],
    });
  });

  test("the thought is read as the text before the last Action line", () => {
    assert.equal(readUiTarsCall("Thought: Click \"Send\" now.\nAction: click(start_box='(1,2)')").thought, 'Click "Send" now.');
  });

  const refused: [string, string, RegExp][] = [
    ["UTD 'should handle empty action input'", "Thought: Empty action\nAction:", /holds no call/],
    ["UTD 'inline function-like text without Action marker'", "I should wait() until the page is stable.", /no "Action:" line/],
    ["a type cut off by the token limit: never type half a text", "Thought: Type it.\nAction: type(content='Hello wor", /cut off before its closing quote/],
    [
      "a scroll in no direction there is",
      "Thought: x\nAction: scroll(point='<point>5 5</point>', direction='sideways')",
      /directions are up, down, left and right/,
    ],
    ["a phone action (UT MOBILE_USE)", "Thought: x\nAction: press_home()", /phone action/],
    ["an unknown action", "Thought: x\nAction: teleport(to='(1,2)')", /unknown action teleport\(\)/],
    ["a click with no point", "Thought: x\nAction: click()", /needs start_box/],
  ];
  for (const [what, raw, why] of refused) {
    test(`refused with the reason: ${what}`, () => {
      assert.throws(
        () => parse(raw),
        (e: unknown) => e instanceof InvalidActionError && why.test(e.message),
      );
    });
  }

  test("UI-TARS-1.5 answers in frame pixels: an overshoot just past the edge is clamped, one far past it is refused naming the coordinate space", () => {
    assert.deepEqual(parse("Thought: x\nAction: click(start_box='(1950,1100)')"), { action: "left_click", coordinate: [1931, 1091] });
    assert.throws(
      () => parse("Thought: x\nAction: click(start_box='(2400,300)')"),
      (e: unknown) => e instanceof InvalidActionError && /relative-1000/.test(e.message),
    );
  });
});

describe("UI-TARS grounding answers (parseGroundingAnswerAs)", () => {
  const g = (raw: string, space?: "relative-1000") => parseGroundingAnswerAs("ui-tars-1.5", raw, FRAME, space);
  test("UT GROUNDING prompt's form, <point>: the point in frame pixels", () => {
    assert.deepEqual(g("Action: click(point='<point>966 546</point>')").best, { point: { x: 966, y: 546 }, label: "" });
  });
  test("the 1.5 release's start_box with box tokens, and a bare tuple", () => {
    assert.deepEqual(g("Action: click(start_box='<|box_start|>(120,45)<|box_end|>')").best.point, { x: 120, y: 45 });
    assert.deepEqual(g("(120,45)").best.point, { x: 120, y: 45 });
  });
  test("a box answer points at its centre and keeps the box", () => {
    assert.deepEqual(g("Action: click(start_box='[100, 100, 300, 200]')").best, { point: { x: 200, y: 150 }, box: [100, 100, 300, 200], label: "" });
  });
  test("relative answers (UI-TARS-1.0) map exactly onto the frame; above 1000 is refused naming frame pixels", () => {
    assert.deepEqual(g("Action: click(point='<point>500 250</point>')", "relative-1000").best.point, { x: 966, y: 273 });
    assert.throws(
      () => g("Action: click(point='<point>1200 250</point>')", "relative-1000"),
      (e: unknown) => (e as { code?: string }).code === "GROUNDING_OUT_OF_FRAME" && /--coordinates frame/.test((e as Error).message),
    );
  });
  test("an answer with no place is unparseable and names the profile flag", () => {
    assert.throws(
      () => g("I cannot see it."),
      (e: unknown) => (e as { code?: string }).code === "GROUNDING_UNPARSEABLE" && /--profile/.test((e as Error).message),
    );
  });
});

describe("UI-TARS grammars (GBNF, checked as a RegExp of the same rules)", () => {
  const re = grammarRegExp(uiTarsGrammar());
  // Rejected on purpose, each for its reason: the grammar writes one action per answer, in ASCII,
  // after a "Thought:" (or none), so a local model cannot chain actions or drift into other formats.
  const ON_PURPOSE: Record<string, string> = {
    "UT codes/tests/action_parser_test.py (test_parse_action: bare call)": "no Action: marker",
    "UTD <think> block, then Thought and a <point> (relative in UTD's own test)": "a <think> block before the thought",
    "UTD 'should handle with Chinese colon'": "a full-width colon",
    "UTD 'final explicit Action marker' (chained answers)": "admitted: the earlier lines read as thought, and the last Action line counts, as in the parser",
    "UTD 'should handle multiple actions' (one step is one action: the first)": "several actions in one answer",
    "UTD 'unterminated quote in thought text'": "admitted (listed to show the thought may hold any text)",
    "bytedance/UI-TARS-desktop#942 (Doubao 1.6 output quoted there): a point missing its closing quote and parenthesis":
      "no Action: marker, and an unclosed call",
    "bytedance/UI-TARS-desktop#942 (Doubao 1.6, 'sometimes like'): a point missing its closing quote": "no Action: marker, and an unclosed call",
  };
  test("admits every answer above written as one Thought/Action, and names why the others are rejected", () => {
    let checked = 0;
    for (const c of CASES) {
      const why = ON_PURPOSE[c.source];
      if (why && !why.startsWith("admitted")) assert.doesNotMatch(c.raw, re, `${c.source}: rejected on purpose (${why})`);
      else {
        assert.match(c.raw, re, c.source);
        checked++;
      }
    }
    assert.ok(checked >= 20, `${checked} answers admitted`);
  });
  test("numbers are any 1–5 digit integer (clamping is done in code, never by cutting digits)", () => {
    assert.match("Thought: x\nAction: click(start_box='(19500,1100)')", re);
    assert.doesNotMatch("Thought: x\nAction: click(start_box='(195000,1100)')", re);
  });
  test("a type must close its quote; long text is not cut", () => {
    assert.match(`Thought: x\nAction: type(content='${"a".repeat(500)}\\n')`, re);
    assert.doesNotMatch("Thought: x\nAction: type(content='it's')", re);
  });
  test("grounding: an optional thought, then one click", () => {
    const gre = grammarRegExp(uiTarsGroundingGrammar());
    assert.match("Action: click(point='<point>966 546</point>')", gre);
    assert.match("Thought: The Save button.\nAction: click(start_box='(966,546)')", gre);
    assert.doesNotMatch("Action: type(content='x')", gre);
  });
});
