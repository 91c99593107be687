import type { FrameSize } from "../grounding/frameMapping.js";
import { rangeRule } from "../grounding/groundingGrammar.js";

/**
 * GBNF (llama.cpp, start rule `root`) for exactly one computer_use tool call in Qwen2.5-VL's
 * format. Every answer parses, names a known action with its required arguments, and puts
 * coordinates on whole pixels inside `frame`, so a local model cannot point off the image.
 */
export function toolCallGrammar(frame: FrameSize, maxTextChars = 200): string {
  const lit = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  const head = (action: string) => lit(`{"action": "${action}"`);
  return [
    `root ::= ${lit('<tool_call>\n{"name": "computer_use", "arguments": ')} args ${lit("}\n</tool_call>")}`,
    "args ::= point | drag | key | type | scroll | wait | terminate",
    `point ::= "{\\"action\\": \\"" ("left_click" | "right_click" | "middle_click" | "double_click" | "mouse_move") "\\", " coord "}"`,
    `drag ::= ${head("left_click_drag")} ", " coord "}"`,
    `key ::= ${head("key")} ", \\"keys\\": [" str (", " str){0,3} "]}"`,
    `type ::= ${head("type")} ", \\"text\\": " text "}"`,
    `scroll ::= ${head("scroll")} ", " coord ", \\"pixels\\": " ("-")? [1-9] [0-9]{0,3} "}"`,
    `wait ::= ${head("wait")} ", \\"time\\": " [1-9] ([0-9])? "}"`,
    `terminate ::= ${head("terminate")} ", \\"status\\": \\"" ("success" | "failure") "\\"}"`,
    `coord ::= "\\"coordinate\\": [" x ", " y "]"`,
    `x ::= ${rangeRule(frame.width - 1)}`,
    `y ::= ${rangeRule(frame.height - 1)}`,
    `str ::= "\\"" char{1,24} "\\""`,
    `text ::= "\\"" char{0,${maxTextChars}} "\\""`,
    `char ::= [^"\\\\\\x00-\\x1f] | "\\\\" (["\\\\/nt] | "u" [0-9a-fA-F]{4})`,
  ].join("\n");
}
