import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GroundingAnswerError } from "../../../agent/profiles/errors/GroundingAnswerError.js";
import { parseToolCallGroundingAnswer, toolCallGroundingGrammar, toolCallGroundingMessages } from "../../../agent/grounding/toolCallGroundingPrompt.js";
import { computerUseSystemPrompt } from "../../../agent/profiles/qwen25vl/computerUsePrompt.js";

const frame = { width: 1932, height: 1092 };
const call = (args: string) => `<tool_call>\n{"name": "computer_use", "arguments": ${args}}\n</tool_call>`;

/**
 * Facts from likaixin2000/ScreenSpot-Pro-GUI-Grounding models/qwen2_5vl.py: the system message is
 * Qwen's default sentence and the computer_use tools block for the resized frame; the user turn is
 * the image, then the instruction alone; the answer is forced to begin
 * `<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [`.
 */
describe("the ScreenSpot-style (tool-call) grounding prompt", () => {
  test("system: the computer_use tools block for the frame, no safety rule; user: the instruction alone", () => {
    const [system, user, ...rest] = toolCallGroundingMessages("  the Save button ", frame);
    assert.equal(rest.length, 0);
    assert.equal(system!.role, "system");
    assert.ok(system!.content.startsWith("You are a helpful assistant.\n\n# Tools\n\n"));
    assert.ok(system!.content.endsWith("</tool_call>"));
    assert.match(system!.content, /The screen's resolution is 1932x1092\./);
    // The same <tools> line the agent's prompt carries.
    const tools = (s: string) => /<tools>\n(.*)\n<\/tools>/.exec(s)![1];
    assert.equal(tools(system!.content), tools(computerUseSystemPrompt(frame)));
    assert.deepEqual(user, { role: "user", content: "the Save button" });
  });

  test("the grammar offers a left_click with a coordinate and nothing else", () => {
    const g = toolCallGroundingGrammar(frame);
    assert.match(g, /^args ::= left-click$/m);
    assert.match(g, /^left-click ::= .*left_click.* coord "\}"$/m);
  });

  test("the answer is read by the tool-call parser, in model-frame pixels", () => {
    const r = parseToolCallGroundingAnswer(call('{"action": "left_click", "coordinate": [966, 540]}'), frame, "Save");
    assert.deepEqual(r, { best: { point: { x: 966, y: 540 }, label: "Save" }, others: [] });
    // An unconstrained (remote) answer in the cookbook's spacing-free style reads the same.
    assert.deepEqual(
      parseToolCallGroundingAnswer('<tool_call>\n{"name":"computer_use","arguments":{"action":"mouse_move","coordinate":[10,20]}}\n</tool_call>', frame, "x")
        .best.point,
      { x: 10, y: 20 },
    );
  });

  test("no coordinate, no call, or a point off the frame is a grounding answer error keeping the raw text", () => {
    for (const [raw, code] of [
      [call('{"action": "terminate", "status": "failure"}'), "GROUNDING_UNPARSEABLE"],
      ["I cannot see a Save button.", "GROUNDING_UNPARSEABLE"],
      [call('{"action": "left_click", "coordinate": [2400, 540]}'), "GROUNDING_OUT_OF_FRAME"],
    ] as const) {
      assert.throws(
        () => parseToolCallGroundingAnswer(raw, frame, "Save"),
        (e: unknown) => e instanceof GroundingAnswerError && e.code === code && e.raw === raw,
      );
    }
  });
});
