import { GBNF_INTEGER, gbnfJsonString } from "../../grammar/gbnfPrimitives.js";
import type { ToolCallKind } from "../qwen25vl/toolCallGrammar.js";

/** The grammar's action rule for each kind of action (MAI-UI scrolls by `swipe`; its one key is `system_button` enter). */
const KIND_RULES: Record<ToolCallKind, string> = {
  point: "point",
  "left-click": "click",
  drag: "drag",
  key: "button",
  type: "type",
  scroll: "swipe",
  wait: "wait",
  terminate: "terminate",
};

/**
 * GBNF for one MAI-UI step: its `<thinking>` block, then one mobile_use `<tool_call>` with the
 * actions of its space that a desktop can do (click, double_click, type, swipe by direction, drag,
 * system_button enter, wait, terminate, answer), compact as its history writes them or spaced.
 * Phone-only actions (long_press, open, the back/home/menu buttons) are left out: they would be
 * refused. Numbers are never bounded digit by digit. `kinds` narrows it to those actions behind an
 * empty `<thinking>` block (benchmarks: clicks only, so a random model neither wanders in its
 * thinking nor ends the run, and the answer keeps the shape the prompt asks for).
 */
export function maiUiGrammar(kinds?: readonly ToolCallKind[]): string {
  const act = (name: string) => `"{\\"action\\":" " "? "\\"${name}\\""`;
  return [
    kinds ? `root ::= "<thinking>\\n</thinking>\\n" call` : `root ::= "<thinking>" free "</thinking>" "\\n"? call`,
    `free ::= ([^<] | "<" [^/])*`,
    `call ::= "<tool_call>\\n{\\"name\\":" " "? "\\"mobile_use\\"" sep "\\"arguments\\":" " "? args "}\\n</tool_call>"`,
    kinds ? `args ::= ${kinds.map((k) => KIND_RULES[k]).join(" | ")}` : `args ::= point | type | swipe | drag | button | wait | terminate | answer`,
    `point ::= "{\\"action\\":" " "? "\\"" ("click" | "double_click") "\\"" sep coord "}"`,
    `click ::= ${act("click")} sep coord "}"`,
    `type ::= ${act("type")} sep "\\"text\\":" " "? text "}"`,
    `answer ::= ${act("answer")} sep "\\"text\\":" " "? text "}"`,
    `swipe ::= ${act("swipe")} sep "\\"direction\\":" " "? "\\"" ("up" | "down" | "left" | "right") "\\"" (sep coord)? "}"`,
    `drag ::= ${act("drag")} sep "\\"start_coordinate\\":" " "? pair sep "\\"end_coordinate\\":" " "? pair "}"`,
    `button ::= ${act("system_button")} sep "\\"button\\":" " "? "\\"enter\\"}"`,
    `wait ::= ${act("wait")} "}"`,
    `terminate ::= ${act("terminate")} sep "\\"status\\":" " "? "\\"" ("success" | "fail") "\\"}"`,
    `coord ::= "\\"coordinate\\":" " "? pair`,
    `pair ::= "[" int sep int "]"`,
    `int ::= ${GBNF_INTEGER}`,
    ...gbnfJsonString("text"),
    `sep ::= "," " "?`,
  ].join("\n");
}
