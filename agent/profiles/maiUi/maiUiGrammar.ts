import { GBNF_INTEGER, gbnfJsonString } from "../../grammar/gbnfPrimitives.js";

/**
 * GBNF for one MAI-UI step: its `<thinking>` block, then one mobile_use `<tool_call>` with the
 * actions of its space that a desktop can do (click, double_click, type, swipe by direction, drag,
 * system_button enter, wait, terminate, answer), compact as its history writes them or spaced.
 * Phone-only actions (long_press, open, the back/home/menu buttons) are left out: they would be
 * refused. Numbers are never bounded digit by digit.
 */
export function maiUiGrammar(): string {
  const act = (name: string) => `"{\\"action\\":" " "? "\\"${name}\\""`;
  return [
    `root ::= "<thinking>" free "</thinking>" "\\n"? call`,
    `free ::= ([^<] | "<" [^/])*`,
    `call ::= "<tool_call>\\n{\\"name\\":" " "? "\\"mobile_use\\"" sep "\\"arguments\\":" " "? args "}\\n</tool_call>"`,
    `args ::= point | type | swipe | drag | button | wait | terminate | answer`,
    `point ::= "{\\"action\\":" " "? "\\"" ("click" | "double_click") "\\"" sep coord "}"`,
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
