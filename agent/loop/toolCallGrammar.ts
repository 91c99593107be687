import type { FrameSize } from "../grounding/frameMapping.js";
import { rangeRule } from "../grounding/groundingGrammar.js";

/** Key names executeAction knows (agent/actions/keyNames.ts), lower case: a local model cannot name a key that does not exist. */
const KEY_NAMES = [
  "ctrl", "shift", "alt", "super", "meta", "cmd", "enter", "return", "esc", "escape", "tab", "space", "backspace", "delete",
  "insert", "up", "down", "left", "right", "home", "end", "pageup", "pagedown", "capslock", "print", "minus", "equal",
  "comma", "period", "slash", "semicolon", "quote", "backslash", "grave", "plus", "-", "=", ",", ".", "/", ";", "[", "]",
];

/**
 * GBNF (llama.cpp, start rule `root`) for exactly one computer_use tool call in Qwen2.5-VL's
 * format. Every answer parses, names a known action with its required arguments, and puts
 * coordinates on whole pixels inside `frame`, so a local model cannot point off the image.
 */
/** The kinds of action the grammar can offer ("left-click": a left_click only, for the ScreenSpot-style grounding prompt). */
export type ToolCallKind = "point" | "left-click" | "drag" | "key" | "type" | "scroll" | "wait" | "terminate";
const ALL_KINDS: readonly ToolCallKind[] = ["point", "drag", "key", "type", "scroll", "wait", "terminate"];

export function toolCallGrammar(frame: FrameSize, maxTextChars = 200, kinds: readonly ToolCallKind[] = ALL_KINDS): string {
  const lit = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  const head = (action: string) => lit(`{"action": "${action}"`);
  return [
    `root ::= ${lit('<tool_call>\n{"name": "computer_use", "arguments": ')} args ${lit("}\n</tool_call>")}`,
    `args ::= ${kinds.join(" | ")}`,
    `point ::= "{\\"action\\": \\"" ("left_click" | "right_click" | "middle_click" | "double_click" | "mouse_move") "\\", " coord "}"`,
    `left-click ::= ${head("left_click")} ", " coord "}"`,
    `drag ::= ${head("left_click_drag")} ", " coord "}"`,
    `key ::= ${head("key")} ", \\"keys\\": [" keyname (", " keyname){0,3} "]}"`,
    `keyname ::= "\\"" ([a-z0-9] | "f" [1-9] | "f1" [0-9] | "f2" [0-4] | ${KEY_NAMES.map((k) => `"${k}"`).join(" | ")}) "\\""`,
    `type ::= ${head("type")} ", \\"text\\": " text "}"`,
    `scroll ::= ${head("scroll")} ", " coord ", \\"pixels\\": " ("-")? [1-9] [0-9]{0,3} "}"`,
    `wait ::= ${head("wait")} ", \\"time\\": " [1-9] "}"`, // at most 9 s: a longer wait is better spent looking again
    `terminate ::= ${head("terminate")} ", \\"status\\": \\"" ("success" | "failure") "\\"}"`,
    `coord ::= "\\"coordinate\\": [" x ", " y "]"`,
    `x ::= ${rangeRule(frame.width - 1)}`,
    `y ::= ${rangeRule(frame.height - 1)}`,
    `text ::= "\\"" char{0,${maxTextChars}} "\\""`,
    `char ::= [^"\\\\\\x00-\\x1f] | "\\\\" (["\\\\/nt] | "u" [0-9a-fA-F]{4})`,
  ].join("\n");
}
