import type { ToolCallKind } from "../qwen25vl/toolCallGrammar.js";

/** The grammar's action rule for each kind of action (UI-TARS writes a key press as `hotkey`, the end as `finished`). */
const KIND_RULES: Record<ToolCallKind, string> = {
  point: "pointact",
  "left-click": "leftclick",
  drag: "drag",
  key: "hotkey",
  type: "type",
  scroll: "scroll",
  wait: `"wait()"`,
  terminate: "finished",
};

/**
 * GBNF (llama.cpp, start rule `root`) for one UI-TARS answer: an optional `Thought:` paragraph,
 * then `Action:` and one call of its action space, with every box form the model writes
 * (`(x,y)`, `<|box_start|>(x,y)<|box_end|>`, `<point>x y</point>`, under `start_box=` or
 * `point=`). Numbers are any 1–5 digit integer: the grammar decides digit by digit, so a range
 * would cut an overshooting coordinate short (1950 → 195); the coordinate space check clamps or
 * refuses in code. Text is not bounded either: a `type` cut off by the token limit fails the step.
 * `kinds` narrows it to those actions with no `Thought:` (benchmarks: clicks only, so a random
 * model neither types, wanders in a thought nor ends the run).
 */
export function uiTarsGrammar(kinds?: readonly ToolCallKind[]): string {
  return [
    kinds ? `root ::= "Action: " action` : `root ::= thought? "Action: " action`,
    ...COMMON,
    kinds
      ? `action ::= ${kinds.map((k) => KIND_RULES[k]).join(" | ")}`
      : `action ::= pointact | drag | hotkey | type | scroll | "wait()" | finished | "call_user()"`,
    `pointact ::= ("click" | "left_single" | "left_double" | "right_single" | "hover") "(" at ")"`,
    `leftclick ::= ("click" | "left_single") "(" at ")"`,
    `drag ::= "drag(" ("start_box='" box "', end_box='" box "'" | "start_point='" box "', end_point='" box "'") ")"`,
    `hotkey ::= "hotkey(key='" [^'\\\\\\n]+ "')"`,
    `type ::= "type(content='" text "')"`,
    `scroll ::= "scroll(" (at ", ")? "direction='" ("down" | "up" | "left" | "right") "'" ")"`,
    `finished ::= "finished(" ("content='" text "'")? ")"`,
  ].join("\n");
}

/**
 * GBNF for a UI-TARS grounding answer: an optional thought, then `Action: click(…)` at one point;
 * the `Action: ` prefix is optional, since UI-TARS-1.5 answers a grounding prompt with the bare
 * call too (bytedance/UI-TARS#183, in the answer corpus).
 */
export function uiTarsGroundingGrammar(): string {
  return [`root ::= (thought? "Action: ")? ("click" | "left_single") "(" at ")"`, ...COMMON].join("\n");
}

const COMMON = [
  // A thought is lines of text; an "Action: " line ends it (both readings stay open until the call closes).
  `thought ::= "Thought: " line ("\\n" "\\n"? line)* "\\n" "\\n"?`,
  `line ::= [^\\n]+`,
  `at ::= "start_box='" box "'" | "point='" box "'"`,
  // Every form of a place UI-TARS writes: a point, or a box (two corners) whose centre is meant.
  `box ::= "<|box_start|>"? pair (("<|box_end|>" | ",")? " "? "<|box_start|>"? pair)? "<|box_end|>"? | "<point>" int " " int (" " int " " int)? "</point>" | "<bbox>" int " " int " " int " " int "</bbox>" | "[" int "," " "? int ("," " "? int "," " "? int)? "]"`,
  `pair ::= "(" int "," " "? int ")"`,
  `int ::= [0-9]{1,5}`,
  // Python string content: anything but a bare quote or backslash, escapes as the prompt asks for them.
  `text ::= ([^'\\\\] | "\\\\" [^\\x00])*`,
];
