import { FRAME_TOLERANCE_PX } from "../grounding/clampToFrame.js";
import type { ComputerAction } from "../actions/ComputerAction.js";
import { InvalidActionError } from "../errors/InvalidActionError.js";
import { UsageError } from "../errors/UsageError.js";
import type { FrameSize } from "../grounding/frameMapping.js";
import type { Box, GroundCandidate, Pt } from "../grounding/Grounder.js";

/**
 * The space a model's coordinates are in (DESIGN §10): absolute pixels of the resized frame it saw
 * (Qwen2.5-VL, UI-TARS-1.5), or 0–1000 of the image whatever its size (Qwen2-VL, Qwen3-VL,
 * UI-TARS-1.0). Nothing in an answer tells them apart, so each endpoint is told which.
 */
export const COORDINATE_SPACES = ["frame-pixels", "relative-1000"] as const;
export type CoordinateSpace = (typeof COORDINATE_SPACES)[number];

/** The coordinate space a flag or setting names ("frame" is short for frame-pixels); a usage error lists the choices. */
export function parseCoordinateSpace(text: string, what = "--coordinates"): CoordinateSpace {
  const t = text.trim().toLowerCase();
  if (t === "frame" || t === "frame-pixels" || t === "pixels") return "frame-pixels";
  if (t === "relative-1000" || t === "relative" || t === "1000") return "relative-1000";
  throw new UsageError(`${what} is frame (absolute pixels of the frame the model saw: Qwen2.5-VL, UI-TARS-1.5) or relative-1000 (0–1000: Qwen2-VL, Qwen3-VL, UI-TARS-1.0), not ${JSON.stringify(text)}`);
}

/**
 * How far past the frame's edge a frame-pixel answer is still taken as meant for the edge (it is
 * clamped): the mapping layer's one tolerance (clampToFrame), so the profile refuses exactly what
 * the mapping would, and with a reason that names the coordinate space.
 */
export function edgeTolerance(_size: number): number {
  return FRAME_TOLERANCE_PX;
}

/** The size the model's numbers count in: the frame itself, or 1000×1000 for relative answers. */
export function answerFrame(frame: FrameSize, space: CoordinateSpace): FrameSize {
  return space === "relative-1000" ? { width: 1000, height: 1000 } : { width: frame.width, height: frame.height };
}

/**
 * Why a point cannot be right in `space`, or undefined: a relative answer above 1000, or a
 * frame-pixel answer past the frame by more than the tolerance. The reason names the likely
 * mis-set coordinate space.
 */
export function refusal(p: Pt, frame: FrameSize, space: CoordinateSpace): string | undefined {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return `the point (${p.x}, ${p.y}) is not a number pair`;
  if (p.x < 0 || p.y < 0) return `the point (${p.x}, ${p.y}) has a negative coordinate`;
  if (space === "relative-1000") {
    if (p.x > 1000 || p.y > 1000) {
      return `the point (${p.x}, ${p.y}) is above 1000, so it cannot be a relative 0–1000 coordinate; this model likely answers in frame pixels (Qwen2.5-VL, UI-TARS-1.5): set the endpoint's coordinate space to frame (--coordinates frame)`;
    }
    return undefined;
  }
  const over = p.x - (frame.width - 1) > edgeTolerance(frame.width) || p.y - (frame.height - 1) > edgeTolerance(frame.height);
  if (over) {
    return `the point (${p.x}, ${p.y}) is outside the ${frame.width}x${frame.height} frame the model saw; either this model answers in another space (set --coordinates relative-1000 for Qwen2-VL, Qwen3-VL or UI-TARS-1.0) or the server resized the image`;
  }
  return undefined;
}

/** A model-space point of an action → the frame pixel it names (relative answers exactly; a small overshoot clamped to the edge). */
export function pointToFrame(p: Pt, frame: FrameSize, space: CoordinateSpace): [number, number] {
  const why = refusal(p, frame, space);
  if (why) throw new InvalidActionError(why);
  // A frame pixel x covers [x, x+1) and actions name pixels; a relative answer names a position, so the
  // pixel it falls in is position − ½ (actionToScreen adds the ½ back and lands exactly on the position).
  const [x, y] = space === "relative-1000" ? [(p.x * frame.width) / 1000 - 0.5, (p.y * frame.height) / 1000 - 0.5] : [p.x, p.y];
  return [clamp(x, frame.width - 1), clamp(y, frame.height - 1)];
}

/** An action with model-space coordinates → the same action in frame pixels. */
export function actionToFrame(action: ComputerAction, frame: FrameSize, space: CoordinateSpace): ComputerAction {
  if (!("coordinate" in action) || !action.coordinate) return action;
  const map = (c: readonly [number, number]) => pointToFrame({ x: c[0], y: c[1] }, frame, space);
  const start = action.action === "left_click_drag" && action.start_coordinate ? { start_coordinate: map(action.start_coordinate) } : {};
  return { ...action, coordinate: map(action.coordinate), ...start };
}

/** Frame pixels → the model's own space (to write a past action back in the model's words). */
export function frameToAnswer(c: readonly [number, number], frame: FrameSize, space: CoordinateSpace): [number, number] {
  if (space === "frame-pixels") return [Math.round(c[0]), Math.round(c[1])];
  return [Math.round(((c[0] + 0.5) * 1000) / frame.width), Math.round(((c[1] + 0.5) * 1000) / frame.height)];
}

/** Whether a grounding candidate can be right in `space` (see `refusal`). */
export function candidateFits(c: GroundCandidate, frame: FrameSize, space: CoordinateSpace): boolean {
  const corners: Pt[] = c.box ? [{ x: c.box[0], y: c.box[1] }, { x: c.box[2], y: c.box[3] }] : [c.point];
  return corners.every((p) => refusal(p, frame, space) === undefined);
}

/** A grounding candidate in model space → frame pixels (positions, not pixel indices: a box stays a box). */
export function candidateToFrame(c: GroundCandidate, frame: FrameSize, space: CoordinateSpace): GroundCandidate {
  const map = (p: Pt): Pt =>
    space === "relative-1000" ? { x: (p.x * frame.width) / 1000, y: (p.y * frame.height) / 1000 } : { x: Math.min(p.x, frame.width), y: Math.min(p.y, frame.height) };
  const point = map(c.point);
  if (!c.box) return { point, label: c.label };
  const a = map({ x: c.box[0], y: c.box[1] });
  const b = map({ x: c.box[2], y: c.box[3] });
  const box: Box = [a.x, a.y, b.x, b.y];
  return { point, box, label: c.label };
}

function clamp(v: number, max: number): number {
  return Math.min(Math.max(v, 0), max);
}
