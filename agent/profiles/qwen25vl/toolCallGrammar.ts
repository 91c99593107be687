import { GBNF_INTEGER, gbnfJsonString, gbnfLiteral } from "../../grammar/gbnfPrimitives.js";
import type { FrameSize } from "../../geometry/frameMapping.js";

/** The kinds of action the grammar can offer ("left-click": a left_click only, for the ScreenSpot-style grounding prompt). */
export type ToolCallKind = "point" | "left-click" | "drag" | "key" | "type" | "scroll" | "wait" | "terminate";
const ALL_KINDS: readonly ToolCallKind[] = ["point", "drag", "key", "type", "scroll", "wait", "terminate"];

/**
 * GBNF (llama.cpp, start rule `root`) for exactly one computer_use tool call in Qwen2.5-VL's
 * format, admitting the forms the model writes (Qwen2.5-VL cookbook `agent_function_call.py`):
 * `scroll` with or without a coordinate, its arguments in either order; any key-name string
 * ("Return", "Page_Down", "ctrl+c"); text of any length; `wait` for any number of seconds.
 * Numbers are never bounded digit by digit; parseToolCall and clampToFrame check them after
 * parsing and fail the step with the reason. `_maxTextChars` is ignored: typed text is never cut.
 */
export function toolCallGrammar(_frame: FrameSize, _maxTextChars?: number, kinds: readonly ToolCallKind[] = ALL_KINDS): string {
  const head = (action: string) => gbnfLiteral(`{"action": "${action}"`);
  return [
    `root ::= ${gbnfLiteral('<tool_call>\n{"name": "computer_use", "arguments": ')} args ${gbnfLiteral("}\n</tool_call>")}`,
    `args ::= ${kinds.join(" | ")}`,
    // a click needs its place: one at wherever the pointer happens to be is rarely what was meant
    `point ::= "{\\"action\\": \\"" ("left_click" | "right_click" | "middle_click" | "double_click" | "mouse_move") "\\"" sep coord "}"`,
    `left-click ::= ${head("left_click")} sep coord "}"`,
    `drag ::= ${head("left_click_drag")} sep coord "}"`,
    `key ::= ${head("key")} sep "\\"keys\\"" colon "[" keyname (sep keyname){0,5} "]}"`,
    `keyname ::= "\\"" key-char{1,32} "\\""`,
    `key-char ::= [^"\\\\\\x00-\\x1f] | "\\\\" ["\\\\/]`,
    `type ::= ${head("type")} sep "\\"text\\"" colon text "}"`,
    `scroll ::= ${head("scroll")} (sep pixels (sep coord)? | sep coord sep pixels) "}"`,
    `pixels ::= "\\"pixels\\"" colon "-"? int`,
    `wait ::= ${head("wait")} sep "\\"time\\"" colon int ("." [0-9]{1,3})? "}"`,
    `terminate ::= ${head("terminate")} sep "\\"status\\"" colon "\\"" ("success" | "failure") "\\"}"`,
    `coord ::= "\\"coordinate\\"" colon "[" int sep int "]"`,
    `int ::= ${GBNF_INTEGER}`,
    ...gbnfJsonString("text"),
    `sep ::= "," " "?`,
    `colon ::= ":" " "?`,
  ].join("\n");
}
