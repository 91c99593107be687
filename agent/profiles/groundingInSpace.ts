import { GroundingAnswerError } from "./errors/GroundingAnswerError.js";
import type { FrameSize } from "../geometry/frameMapping.js";
import type { GroundCandidate } from "./GroundCandidate.js";
import { parseGroundingAnswer, type ParsedAnswer } from "./qwen25vl/parseGroundingAnswer.js";
import { candidateFits, candidateToFrame, edgeTolerance, refusal, relativeScale, type CoordinateSpace } from "./coordinateSpace.js";

/**
 * Qwen2.5-VL's grounding parser (agent/profiles/qwen25vl/parseGroundingAnswer.ts) in any coordinate space:
 * it reads the answer against the space the numbers count in (1000×1000 for relative answers, the
 * frame plus its edge tolerance for frame pixels), and the candidates come back in frame pixels.
 * An answer that fits nowhere is refused with the reason the space gives.
 */
export function parseGroundingInSpace(raw: string, frame: FrameSize, space: CoordinateSpace, query = ""): ParsedAnswer {
  // 0–999 answers are read against 1000 too: 1000 is the edge there, as clamped when mapped.
  const counted = relativeScale(space)
    ? { width: 1000, height: 1000 }
    : { width: frame.width + edgeTolerance(frame.width), height: frame.height + edgeTolerance(frame.height) };
  let parsed: ParsedAnswer;
  try {
    parsed = parseGroundingAnswer(raw, counted, query);
  } catch (error) {
    if (error instanceof GroundingAnswerError && error.code === "GROUNDING_OUT_OF_FRAME") throw outOfSpace(raw, frame, space);
    throw error;
  }
  const toFrame = (c: GroundCandidate) => candidateToFrame(c, frame, space);
  return { best: toFrame(parsed.best), others: parsed.others.map(toFrame) };
}

/** Candidates already read in the model's space (UI-TARS's own forms) → frame pixels, the first fitting one best. */
export function candidatesInSpace(found: readonly GroundCandidate[], raw: string, frame: FrameSize, space: CoordinateSpace): ParsedAnswer {
  if (found.length === 0) {
    throw new GroundingAnswerError(
      "GROUNDING_UNPARSEABLE",
      `the model's answer names no point or box: ${clip(raw)}. Rephrase the query, or check the model profile (--profile) matches the model.`,
      raw,
    );
  }
  const fitting = found.filter((c) => candidateFits(c, frame, space)).map((c) => candidateToFrame(c, frame, space));
  if (fitting.length === 0) throw outOfSpace(raw, frame, space, found[0]);
  return { best: fitting[0]!, others: fitting.slice(1) };
}

function outOfSpace(raw: string, frame: FrameSize, space: CoordinateSpace, first?: GroundCandidate): GroundingAnswerError {
  const why = first ? refusal(first.point, frame, space) : undefined;
  const reason =
    why ??
    (relativeScale(space)
      ? "its numbers are above 1000, so they are not relative 0–1000 coordinates; this model likely answers in frame pixels (Qwen2.5-VL, UI-TARS-1.5): set --coordinates frame"
      : `its numbers are outside the ${frame.width}x${frame.height} frame the model saw; a model that answers 0–1000 (Qwen2-VL, Qwen3-VL, UI-TARS-1.0) needs --coordinates relative-1000, and a remote server must not resize the image itself`);
  return new GroundingAnswerError("GROUNDING_OUT_OF_FRAME", `the model's answer ${clip(raw)} cannot be right: ${reason}.`, raw);
}

function clip(raw: string): string {
  const t = raw.trim();
  return t.length === 0 ? "(empty answer)" : JSON.stringify(t.length > 200 ? `${t.slice(0, 200)}…` : t);
}
