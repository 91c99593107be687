import { GBNF_INTEGER } from "../../grammar/gbnfPrimitives.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import type { GroundCandidate } from "../GroundCandidate.js";
import { findJsonValues } from "../../grammar/findJsonValues.js";
import type { ParsedAnswer } from "../qwen25vl/parseGroundingAnswer.js";
import type { CoordinateSpace } from "../coordinateSpace.js";
import { candidatesInSpace } from "../groundingInSpace.js";
import { pointOf } from "../qwen3vl/toolCallGrounding.js";

/**
 * The place a MAI-UI grounding answer names, in its own space: `{"coordinate": [x,y]}` inside
 * `<answer>` after the `<grounding_think>` reasoning (src/mai_grounding_agent.py
 * parse_grounding_response). Tolerant as MAI-UI's evaluator is of a stray extra brace and of
 * spacing; without a JSON coordinate, the first `[x,y]` after the reasoning, as its evaluator's
 * regex takes it. The reasoning is never searched: numbers in it are not the answer, and an
 * answer cut off inside it names nothing.
 */
export function maiUiCandidates(raw: string): GroundCandidate[] {
  // Reasoning cut off at the token limit (its evaluators' logs hold such answers) names nothing.
  if (/<grounding_think>/.test(raw) && !/<\/grounding_think>/.test(raw)) return [];
  const afterThink = raw.split(/<\/grounding_think>/).at(-1)!;
  const inAnswer = /<answer>([\s\S]*?)(?:<\/answer>|$)/.exec(afterThink)?.[1] ?? afterThink;
  for (const value of findJsonValues(inAnswer)) {
    const point = value && typeof value === "object" && !Array.isArray(value) ? pointOf((value as Record<string, unknown>)["coordinate"]) : undefined;
    if (point) return [{ point, label: "" }];
  }
  const bare = /\[\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\]/.exec(inAnswer);
  return bare ? [{ point: { x: Number(bare[1]), y: Number(bare[2]) }, label: "" }] : [];
}

/** A MAI-UI grounding answer → candidates in frame pixels; GroundingAnswerError when it names no place that fits the space. */
export function parseMaiUiGrounding(raw: string, frame: FrameSize, space: CoordinateSpace): ParsedAnswer {
  return candidatesInSpace(maiUiCandidates(raw), raw, frame, space);
}

/** GBNF for MAI-UI's grounding answer: its reasoning block, then one coordinate object in `<answer>`, spaced either way. */
export function maiUiGroundingGrammar(): string {
  return [
    `root ::= "<grounding_think>" free "</grounding_think>" "\\n"? "<answer>" "\\n"? "{\\"coordinate\\":" " "? "[" int "," " "? int "]}" "\\n"? "</answer>"`,
    `free ::= ([^<] | "<" [^/])*`,
    `int ::= ${GBNF_INTEGER}`,
  ].join("\n");
}
