import { DeskPilotError } from "../../errors/DeskPilotError.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import type { GroundCandidate } from "../GroundCandidate.js";
import { findCandidates, type ParsedAnswer } from "../qwen25vl/parseGroundingAnswer.js";
import type { CoordinateSpace } from "../coordinateSpace.js";
import { candidatesInSpace } from "../groundingInSpace.js";
import { readUiTarsCall } from "./readUiTarsCall.js";
import { uiTarsPoint } from "./uiTarsPoint.js";

const POINT_ARGS = ["start_box", "point", "start_point"];

/**
 * A UI-TARS grounding answer (`Action: click(point='<point>x y</point>')`, or any box form of its
 * actions, or a bare `(x,y)` / `<point>x y</point>`) → candidates in frame pixels. Throws
 * GroundingAnswerError when it names no place or none that fits the coordinate space.
 */
export function parseUiTarsGrounding(raw: string, frame: FrameSize, space: CoordinateSpace): ParsedAnswer {
  return candidatesInSpace(uiTarsCandidates(raw), raw, frame, space);
}

/** Every place the answer names, in the model's space: the action's point first, else the bare forms. */
export function uiTarsCandidates(raw: string): GroundCandidate[] {
  try {
    const { args } = readUiTarsCall(raw);
    const key = POINT_ARGS.find((k) => args[k]);
    if (key) return [{ ...uiTarsPoint(args[key]!, key), label: "" }];
  } catch (error) {
    if (!(error instanceof DeskPilotError)) throw error;
  }
  const points = [...raw.matchAll(/<point>\s*(-?\d+(?:\.\d+)?)[\s,]+(-?\d+(?:\.\d+)?)\s*<\/point>/g)].map((m) => ({
    point: { x: Number(m[1]), y: Number(m[2]) },
    label: "",
  }));
  return points.length > 0 ? points : findCandidates(raw);
}
