import { GBNF_INTEGER, gbnfJsonString, gbnfLiteral } from "../../grammar/gbnfPrimitives.js";
import type { ToolCallKind } from "../qwen25vl/toolCallGrammar.js";
import { REASONING_RULES } from "./splitReasoning.js";

/** Which parts may come before the tool call, and which extra actions the family's tool offers. */
export interface Qwen3FamilyGrammarOptions {
  /** The tool's name in the call (`computer_use`). */
  readonly tool?: string;
  /** Actions beyond Qwen3-VL's computer_use set that take a `text` (GUI-Owl-1.5's `interact`). */
  readonly textActions?: readonly string[];
  /** Only these point actions (or a terminate): a grounding answer given as a tool call. */
  readonly pointsOnly?: readonly string[];
  /**
   * Admit a reasoning block first (thinking variants). Off for the Instruct models the catalog
   * offers: they write none, and under a grammar that admits free text a model can wander in it
   * until its token limit (the tiny random model does) instead of answering.
   */
  readonly reasoning?: boolean;
  /** Only these kinds of action, and no Thought/Action lines (benchmarks: clicks only, so a random model neither types, wanders nor ends the run). */
  readonly kinds?: readonly ToolCallKind[];
}

/** The grammar's rule for each kind of action. */
const KIND_RULES: Record<ToolCallKind, string> = {
  point: "point",
  "left-click": "left-click",
  drag: "drag",
  key: "key",
  type: "text-act",
  scroll: "scroll",
  wait: "wait",
  terminate: "terminate",
};

/**
 * GBNF (llama.cpp, start rule `root`) for one Qwen3-VL-family answer: with `reasoning`, an optional
 * reasoning block (`<think>…</think>`, or GUI-Owl's `<thinking>…</thinking>`), then optional
 * `Thought:` and `Action:` lines, then exactly one `<tool_call>` with Qwen3-VL's computer_use
 * actions, written as Qwen-Agent spaces JSON or without spaces. Numbers are never bounded digit
 * by digit; the coordinate space is checked after parsing.
 */
export function qwen3VlGrammar(options: Qwen3FamilyGrammarOptions = {}): string {
  const tool = options.tool ?? "computer_use";
  const texts = ["type", "answer", ...(options.textActions ?? [])];
  const points = options.pointsOnly ?? ["left_click", "right_click", "middle_click", "double_click", "triple_click", "mouse_move"];
  return [
    // Narrowed for a benchmark: the call alone, so a random model's answers are alike in length.
    options.kinds ? `root ::= call` : options.reasoning ? `root ::= reasoning? thought? summary? call` : `root ::= thought? summary? call`,
    `thought ::= "Thought:" " "? line "\\n"`,
    `summary ::= "Action:" " "? line "\\n"`,
    `line ::= [^\\n]+`,
    `call ::= ${gbnfLiteral("<tool_call>\n")} "{\\"name\\":" " "? ${gbnfLiteral(`"${tool}"`)} sep "\\"arguments\\":" " "? args "}" ${gbnfLiteral("\n</tool_call>")}`,
    options.pointsOnly
      ? `args ::= point | terminate`
      : options.kinds
        ? `args ::= ${options.kinds.map((k) => KIND_RULES[k]).join(" | ")}`
        : `args ::= point | drag | key | text-act | scroll | wait | terminate`,
    `point ::= "{\\"action\\":" " "? "\\"" (${points.map((p) => `"${p}"`).join(" | ")}) "\\"" sep coord "}"`,
    `drag ::= "{\\"action\\":" " "? "\\"left_click_drag\\"" sep coord "}"`,
    `left-click ::= "{\\"action\\":" " "? "\\"left_click\\"" sep coord "}"`,
    `key ::= "{\\"action\\":" " "? "\\"key\\"" sep "\\"keys\\":" " "? "[" keyname (sep keyname){0,5} "]}"`,
    `keyname ::= "\\"" key-char{1,32} "\\""`,
    `key-char ::= [^"\\\\\\x00-\\x1f] | "\\\\" ["\\\\/]`,
    `text-act ::= "{\\"action\\":" " "? "\\"" (${texts.map((t) => `"${t}"`).join(" | ")}) "\\"" sep "\\"text\\":" " "? text "}"`,
    `scroll ::= "{\\"action\\":" " "? "\\"" ("scroll" | "hscroll") "\\"" (sep pixels (sep coord)? | sep coord sep pixels) "}"`,
    `pixels ::= "\\"pixels\\":" " "? "-"? int`,
    `wait ::= "{\\"action\\":" " "? "\\"wait\\"" (sep "\\"time\\":" " "? int ("." [0-9]{1,3})?)? "}"`,
    `terminate ::= "{\\"action\\":" " "? "\\"terminate\\"" sep "\\"status\\":" " "? "\\"" ("success" | "failure") "\\"}"`,
    `coord ::= "\\"coordinate\\":" " "? "[" int sep int "]"`,
    `int ::= ${GBNF_INTEGER}`,
    ...gbnfJsonString("text"),
    `sep ::= "," " "?`,
    ...(options.reasoning ? REASONING_RULES : []),
  ].join("\n");
}
