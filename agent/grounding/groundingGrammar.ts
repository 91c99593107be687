import type { FrameSize } from "./frameMapping.js";
import type { GroundMode } from "./Grounder.js";

/**
 * GBNF for one grounding answer inside `frame` (llama.cpp grammar, start rule `root`): the answer
 * always parses, and every coordinate is a whole pixel of the frame, so a local model cannot
 * answer outside the image.
 */
export function groundingGrammar(frame: FrameSize, mode: GroundMode): string {
  const coords = mode === "box" ? 'x ", " y ", " x ", " y' : 'x ", " y';
  const key = mode === "box" ? "bbox_2d" : "point_2d";
  return [
    `root ::= "{\\"${key}\\": [" ${coords} "], \\"label\\": \\"" label "\\"}"`,
    `x ::= ${rangeRule(frame.width - 1)}`,
    `y ::= ${rangeRule(frame.height - 1)}`,
    `label ::= lchar{0,32}`,
    `lchar ::= [^"\\\\\\x00-\\x1f]`,
  ].join("\n");
}

/** A GBNF expression matching the decimal integers 0…max without leading zeros. */
export function rangeRule(max: number): string {
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`range maximum ${max} is not a whole number ≥ 0`);
  const digits = String(max);
  const L = digits.length;
  const alts: string[] = [];
  const any = (n: number) => Array(n).fill("[0-9]").join(" ");
  if (L === 1) return `[0-${digits}]`;
  alts.push("[0-9]");
  for (let k = 2; k < L; k++) alts.push(`[1-9] ${any(k - 1)}`);
  for (let i = 0; i < L; i++) {
    const d = Number(digits[i]);
    const lo = i === 0 ? 1 : 0;
    if (d - 1 < lo) continue;
    const prefix = i > 0 ? `"${digits.slice(0, i)}" ` : "";
    alts.push(`${prefix}[${lo}-${d - 1}]${L - i - 1 > 0 ? ` ${any(L - i - 1)}` : ""}`);
  }
  alts.push(`"${digits}"`);
  return alts.map((a) => `(${a})`).join(" | ");
}
