import { InvalidActionError } from "../../errors/InvalidActionError.js";
import { GroundingAnswerError } from "../errors/GroundingAnswerError.js";

const END_MARKERS = /<\|im_end\|>|<\|endoftext\|>/g;
const CLOSE = /<\/think(?:ing)?>/g;
const OPEN = /^\s*<think(?:ing)?>/;

/**
 * A thinking variant's answer split into its reasoning block and what follows it. Qwen3-VL's
 * thinking template opens `<think>` in the prompt, so often only `</think>` is in the answer;
 * GUI-Owl and MAI-UI write `<thinking>…</thinking>`. The last closing tag ends the reasoning.
 * Throws InvalidActionError for an answer cut off inside its reasoning (`<think>` never closed,
 * and no tool call after it): nothing in it is the answer.
 */
export function splitReasoning(raw: string): { reasoning?: string; rest: string } {
  const text = raw.replace(END_MARKERS, "");
  const last = [...text.matchAll(CLOSE)].at(-1);
  if (last) {
    const reasoning = text.slice(0, last.index).replace(OPEN, "").trim();
    return { ...(reasoning ? { reasoning } : {}), rest: text.slice(last.index + last[0].length) };
  }
  if (OPEN.test(text) && !/<tool_call>/.test(text)) {
    throw new InvalidActionError(
      `the answer ended inside its reasoning block (<think> without </think>, ${raw.length} characters): raise the answer's token limit, or use the instruct model`,
    );
  }
  return { rest: text };
}

/** GBNF rules for an optional reasoning block before an answer whose start rule is `answer`: free text without "</", then its closing tag. */
export const REASONING_RULES = [`reasoning ::= ("<think>" | "<thinking>") free ("</think>" | "</thinking>") "\\n"{0,2}`, `free ::= ([^<] | "<" [^/])*`];

/** A grammar whose `root` may be preceded by a reasoning block (the old root becomes `answer`). */
export function withReasoning(gbnf: string): string {
  const lines = gbnf.split("\n").map((l) => (l.startsWith("root ::= ") ? `answer ::= ${l.slice("root ::= ".length)}` : l));
  return [`root ::= reasoning? answer`, ...lines, ...REASONING_RULES].join("\n");
}

/** The answer after a grounding answer's reasoning block; a reasoning cut off before its end is GROUNDING_UNPARSEABLE, since nothing in it is the answer. */
export function groundingAfterReasoning(raw: string): string {
  try {
    return splitReasoning(raw).rest;
  } catch (error) {
    if (!(error instanceof InvalidActionError)) throw error;
    throw new GroundingAnswerError(
      "GROUNDING_UNPARSEABLE",
      `the model's answer ended inside its reasoning block (<think> without </think>, ${raw.length} characters): raise the answer's token limit, or use the instruct model.`,
      raw,
    );
  }
}
