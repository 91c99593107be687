import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseToolCall } from "../../../agent/loop/parseToolCall.js";
import { toolCallGrammar } from "../../../agent/loop/toolCallGrammar.js";
import { InvalidActionError } from "../../../agent/errors/InvalidActionError.js";
import { keyEnumName } from "../../../agent/actions/keyNames.js";

/** Inlines the (non-recursive) GBNF rules into one anchored RegExp, to check which answers the grammar admits. */
function grammarRegExp(gbnf: string): RegExp {
  const rules = new Map(gbnf.split("\n").map((l) => l.split(" ::= ") as [string, string]));
  const expand = (body: string): string =>
    body.replace(/"((?:[^"\\]|\\.)*)"|(\[(?:[^\]\\]|\\.)*\])|([a-z_]+)|\s+/g, (m, lit?: string, cls?: string, name?: string) => {
      if (lit !== undefined) return JSON.parse(`"${lit}"`).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (cls !== undefined) return cls;
      if (name !== undefined) return rules.has(name) ? `(?:${expand(rules.get(name)!)})` : m;
      return "";
    });
  return new RegExp(`^${expand(rules.get("root")!)}$`, "u");
}

const wrap = (args: string) => `<tool_call>\n{"name": "computer_use", "arguments": ${args}}\n</tool_call>`;

describe("tool-call grammar", () => {
  const re = grammarRegExp(toolCallGrammar({ width: 1288, height: 812 }));
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
  ];
  for (const args of admitted) {
    test(`admits ${args}`, () => {
      assert.match(wrap(args), re);
      assert.doesNotThrow(() => parseToolCall(wrap(args)), "every admitted answer parses");
    });
  }
  const refused = [
    '{"action": "left_click", "coordinate": [1288, 406]}',
    '{"action": "left_click", "coordinate": [644, 812]}',
    '{"action": "left_click", "coordinate": [-1, 4]}',
    '{"action": "left_click", "coordinate": [06, 4]}',
    '{"action": "left_click"}',
    '{"action": "key", "keys": []}',
    '{"action": "terminate", "status": "done"}',
    '{"action": "explode"}',
  ];
  for (const args of refused) test(`refuses ${args}`, () => assert.doesNotMatch(wrap(args), re));

  test("every key name the grammar admits is one executeAction knows", () => {
    const rule = toolCallGrammar({ width: 10, height: 10 }).split("\n").find((l) => l.startsWith("keyname ::= "))!;
    const alternatives = rule.slice(rule.indexOf("[a-z0-9]"), rule.lastIndexOf(")"));
    const names = [...alternatives.matchAll(/"([^"]+)"/g)].map((m) => m[1]!).concat(["a", "z", "0", "9", "f1", "f12", "f24"]);
    assert.ok(names.length > 40);
    for (const n of names) assert.ok(keyEnumName(n), n);
    assert.doesNotMatch(wrap('{"action": "key", "keys": ["hyper"]}'), re);
  });
});

describe("parseToolCall", () => {
  const cases: [string, string, object][] = [
    ["Qwen's own format", wrap('{"action": "left_click", "coordinate": [644, 406]}'), { action: "left_click", coordinate: [644, 406] }],
    ["prose around it and no closing tag", 'I will click.\n<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [1, 2]}}', { action: "left_click", coordinate: [1, 2] }],
    ["a json code fence without tags", '```json\n{"name": "computer_use", "arguments": {"action": "type", "text": "hi"}}\n```', { action: "type", text: "hi" }],
    ["arguments as a JSON string (OpenAI-style)", '{"name":"computer_use","arguments":"{\\"action\\":\\"key\\",\\"keys\\":[\\"Return\\"]}"}', { action: "key", keys: ["Return"] }],
    ["bare arguments", '{"action": "terminate", "status": "success"}', { action: "terminate", status: "success" }],
    ["coordinate as a string", wrap('{"action": "left_click", "coordinate": "(12, 34)"}'), { action: "left_click", coordinate: [12, 34] }],
    ["coordinate as {x, y}", wrap('{"action": "mouse_move", "coordinate": {"x": 5, "y": 6}}'), { action: "mouse_move", coordinate: [5, 6] }],
    ["keys as one string", wrap('{"action": "key", "keys": "ctrl+a"}'), { action: "key", keys: ["ctrl+a"] }],
    ["an alias and extra fields", wrap('{"action": "click", "coordinate": [3, 4], "text": "", "thought": "x"}'), { action: "left_click", coordinate: [3, 4] }],
    ["single quotes and a trailing comma", "<tool_call>{'name': 'computer_use', 'arguments': {'action': 'wait', 'time': '2',}}</tool_call>", { action: "wait", time: 2 }],
  ];
  for (const [name, answer, expected] of cases) test(`reads ${name}`, () => assert.deepEqual(parseToolCall(answer), expected));

  for (const bad of ["", "I cannot do that.", wrap('{"action": "left_click", "coordinate": [1]}'), wrap('{"action": "fly"}'), '{"name": "other_tool", "arguments": {"x": 1}}']) {
    test(`refuses ${JSON.stringify(bad).slice(0, 60)}`, () => assert.throws(() => parseToolCall(bad), InvalidActionError));
  }
});
