import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseToolCall } from "../../../agent/profiles/qwen25vl/parseToolCall.js";
import { toolCallGrammar } from "../../../agent/profiles/qwen25vl/toolCallGrammar.js";
import { InvalidActionError } from "../../../agent/errors/InvalidActionError.js";
import { gbnfRegExp } from "../../support/gbnfRegExp.js";

const wrap = (args: string) => `<tool_call>\n{"name": "computer_use", "arguments": ${args}}\n</tool_call>`;

describe("tool-call grammar", () => {
  const re = gbnfRegExp(toolCallGrammar({ width: 1288, height: 812 }));
  const admitted = [
    '{"action": "left_click", "coordinate": [644, 406]}',
    '{"action": "double_click", "coordinate": [0, 811]}',
    '{"action": "mouse_move", "coordinate": [1287, 0]}',
    '{"action": "left_click_drag", "coordinate": [10, 20]}',
    '{"action": "key", "keys": ["ctrl", "a"]}',
    '{"action": "type", "text": "Grüße, \\"Ada\\"\\n"}',
    '{"action": "type", "text": ""}',
    '{"action": "scroll", "coordinate": [5, 5], "pixels": -300}',
    '{"action": "wait", "time": 2}',
    '{"action": "terminate", "status": "success"}',
    // the forms the model writes that the old grammar rewrote or cut (issue 12, defect 4)
    '{"action": "scroll", "pixels": -300}',
    '{"action": "scroll", "pixels": 5, "coordinate": [5, 5]}',
    '{"action": "key", "keys": ["Return"]}',
    '{"action": "key", "keys": ["F5"]}',
    '{"action": "key", "keys": ["Page_Down"]}',
    '{"action": "key", "keys": ["BackSpace"]}',
    '{"action": "key", "keys": ["ctrl+c"]}',
    '{"action": "key", "keys": ["Control_L", "Shift_L", "t"]}',
    `{"action": "type", "text": "${"a long paragraph of text. ".repeat(20)}"}`,
    '{"action": "wait", "time": 30}',
    '{"action": "wait", "time": 0.5}',
    // past the frame's edge: admitted, then clamped in code (defect 3)
    '{"action": "left_click", "coordinate": [1288, 406]}',
    '{"action": "left_click", "coordinate": [1300, 812]}',
    '{"action": "left_click", "coordinate": [644,406]}',
  ];
  for (const args of admitted) {
    test(`admits ${args}`, () => {
      assert.match(wrap(args), re);
      assert.doesNotThrow(() => parseToolCall(wrap(args)), "every admitted answer parses");
    });
  }
  const refused = [
    '{"action": "left_click", "coordinate": [-1, 4]}',
    '{"action": "left_click", "coordinate": [123456, 4]}',
    '{"action": "left_click", "coordinate": [06, 4]}',
    '{"action": "left_click"}',
    '{"action": "key", "keys": []}',
    '{"action": "terminate", "status": "done"}',
    '{"action": "explode"}',
  ];
  for (const args of refused) test(`refuses ${args}`, () => assert.doesNotMatch(wrap(args), re));

  test("a key name the grammar admits but executeAction does not know fails the step with the reason", () => {
    assert.match(wrap('{"action": "key", "keys": ["hyper"]}'), re);
    assert.throws(
      () => parseToolCall(wrap('{"action": "key", "keys": ["hyper"]}')),
      (e: unknown) => e instanceof InvalidActionError && /unknown key "hyper"/.test(e.message),
    );
  });

  test("a call cut off at the token limit fails with that reason instead of typing part of the text", () => {
    const cut = `<tool_call>\n{"name": "computer_use", "arguments": {"action": "type", "text": "${"x".repeat(900)}`;
    assert.throws(() => parseToolCall(cut), /cut off before its end/);
  });

  test("the left-click kind (the ScreenSpot-style grounding prompt) admits only a left_click with its coordinate", () => {
    const only = gbnfRegExp(toolCallGrammar({ width: 1288, height: 812 }, undefined, ["left-click"]));
    assert.match(wrap('{"action": "left_click", "coordinate": [1300, 406]}'), only);
    assert.doesNotMatch(wrap('{"action": "right_click", "coordinate": [644, 406]}'), only);
    assert.doesNotMatch(wrap('{"action": "left_click"}'), only);
  });

  test("typed text is never cut: 1000 characters come through whole", () => {
    const text = "x".repeat(1000);
    const answer = wrap(`{"action": "type", "text": "${text}"}`);
    assert.match(answer, re);
    assert.deepEqual(parseToolCall(answer), { action: "type", text });
  });
});

describe("parseToolCall", () => {
  const cases: [string, string, object][] = [
    ["Qwen's own format", wrap('{"action": "left_click", "coordinate": [644, 406]}'), { action: "left_click", coordinate: [644, 406] }],
    [
      "prose around it and no closing tag",
      'I will click.\n<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [1, 2]}}',
      { action: "left_click", coordinate: [1, 2] },
    ],
    ["a json code fence without tags", '```json\n{"name": "computer_use", "arguments": {"action": "type", "text": "hi"}}\n```', { action: "type", text: "hi" }],
    [
      "arguments as a JSON string (OpenAI-style)",
      '{"name":"computer_use","arguments":"{\\"action\\":\\"key\\",\\"keys\\":[\\"Return\\"]}"}',
      { action: "key", keys: ["Return"] },
    ],
    ["bare arguments", '{"action": "terminate", "status": "success"}', { action: "terminate", status: "success" }],
    ["coordinate as a string", wrap('{"action": "left_click", "coordinate": "(12, 34)"}'), { action: "left_click", coordinate: [12, 34] }],
    ["coordinate as {x, y}", wrap('{"action": "mouse_move", "coordinate": {"x": 5, "y": 6}}'), { action: "mouse_move", coordinate: [5, 6] }],
    ["keys as one string", wrap('{"action": "key", "keys": "ctrl+a"}'), { action: "key", keys: ["ctrl", "a"] }],
    [
      "key names in any case, chords split",
      wrap('{"action": "key", "keys": ["Ctrl-Shift-T", "Page_Down", "Return"]}'),
      { action: "key", keys: ["Ctrl", "Shift", "T", "Page_Down", "Return"] },
    ],
    ["scroll without a coordinate", wrap('{"action": "scroll", "pixels": -300}'), { action: "scroll", pixels: -300 }],
    ["an alias and extra fields", wrap('{"action": "click", "coordinate": [3, 4], "text": "", "thought": "x"}'), { action: "left_click", coordinate: [3, 4] }],
    [
      "single quotes and a trailing comma",
      "<tool_call>{'name': 'computer_use', 'arguments': {'action': 'wait', 'time': '2',}}</tool_call>",
      { action: "wait", time: 2 },
    ],
  ];
  for (const [name, answer, expected] of cases) test(`reads ${name}`, () => assert.deepEqual(parseToolCall(answer), expected));

  for (const bad of [
    "",
    "I cannot do that.",
    wrap('{"action": "left_click", "coordinate": [1]}'),
    wrap('{"action": "fly"}'),
    '{"name": "other_tool", "arguments": {"x": 1}}',
  ]) {
    test(`refuses ${JSON.stringify(bad).slice(0, 60)}`, () => assert.throws(() => parseToolCall(bad), InvalidActionError));
  }
});
