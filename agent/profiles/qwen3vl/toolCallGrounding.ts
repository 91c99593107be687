import { DeskPilotError } from "../../errors/DeskPilotError.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import type { GroundCandidate } from "../GroundCandidate.js";
import type { ParsedAnswer } from "../qwen25vl/parseGroundingAnswer.js";
import type { CoordinateSpace } from "../coordinateSpace.js";
import { candidatesInSpace } from "../groundingInSpace.js";
import { readQwen3VlAnswer } from "./readQwen3VlAnswer.js";

/**
 * The place a grounding answer given as a tool call names (GUI-Owl-1.5's grounding prompt asks
 * for a left_click or mouse_move), in the model's own space: its coordinate, a box's centre. A
 * call without one (a terminate: the element was not found) names nothing.
 */
export function toolCallCandidates(raw: string): GroundCandidate[] {
  let args: Readonly<Record<string, unknown>>;
  try {
    args = readQwen3VlAnswer(raw).args;
  } catch (error) {
    if (error instanceof DeskPilotError) return [];
    throw error;
  }
  const point = pointOf(args["coordinate"]);
  return point ? [{ point, label: "" }] : [];
}

/** A tool-call grounding answer → candidates in frame pixels; GroundingAnswerError when it names no place that fits the space. */
export function parseToolCallGrounding(raw: string, frame: FrameSize, space: CoordinateSpace): ParsedAnswer {
  return candidatesInSpace(toolCallCandidates(raw), raw, frame, space);
}

/** `[x, y]` (numbers or numeric strings), or a box `[x1, y1, x2, y2]` as its centre. */
export function pointOf(v: unknown): { x: number; y: number } | undefined {
  const list = typeof v === "string" ? v.replace(/[[\]()\s]/g, "").split(",") : v;
  if (!Array.isArray(list)) return undefined;
  const n = list.map(Number);
  if (!n.every(Number.isFinite)) return undefined;
  if (n.length === 2) return { x: n[0]!, y: n[1]! };
  if (n.length === 4) return { x: (n[0]! + n[2]!) / 2, y: (n[1]! + n[3]!) / 2 };
  return undefined;
}
