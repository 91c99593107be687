import { FRAME_TOLERANCE_PX } from "../geometry/clampToFrame.js";
import type { ComputerAction } from "../actions/ComputerAction.js";
import { InvalidActionError } from "../errors/InvalidActionError.js";
import { UsageError } from "../errors/UsageError.js";
import type { FrameSize } from "../geometry/frameMapping.js";
import type { GroundCandidate } from "./GroundCandidate.js";
import type { Box, Pt } from "../geometry/shapes.js";

/**
 * The space a model's coordinates are in (docs/design.md §10): absolute pixels of the resized frame it saw
 * (Qwen2.5-VL, UI-TARS-1.5), 0–1000 of the image whatever its size (Qwen2-VL, Qwen3-VL's grounding,
 * GUI-Owl-1.5, UI-TARS-1.0), or 0–999 (Qwen3-VL's mobile cookbook, MAI-UI, Step-GUI: they divide
 * by 999). Nothing in an answer tells them apart, so each model family says which.
 */
export const COORDINATE_SPACES = ["frame-pixels", "relative-1000", "relative-999"] as const;
export type CoordinateSpace = (typeof COORDINATE_SPACES)[number];

/** The number a relative space divides by (1000 or 999), or undefined for frame pixels. */
export function relativeScale(space: CoordinateSpace): number | undefined {
  return space === "relative-1000" ? 1000 : space === "relative-999" ? 999 : undefined;
}

/** The coordinate space a flag or setting names ("frame" is short for frame-pixels); a usage error lists the choices. */
export function parseCoordinateSpace(text: string, what = "--coordinates"): CoordinateSpace {
  const t = text.trim().toLowerCase();
  if (t === "frame" || t === "frame-pixels" || t === "pixels") return "frame-pixels";
  if (t === "relative-1000" || t === "relative" || t === "1000") return "relative-1000";
  if (t === "relative-999" || t === "999") return "relative-999";
  throw new UsageError(
    `${what} is frame (absolute pixels of the frame the model saw: Qwen2.5-VL, UI-TARS-1.5), relative-1000 (0–1000: Qwen2-VL, Qwen3-VL, GUI-Owl-1.5, UI-TARS-1.0) or relative-999 (0–999: MAI-UI, Qwen3-VL's mobile prompt), not ${JSON.stringify(text)}`,
  );
}

/**
 * How far past the frame's edge a frame-pixel answer is still taken as meant for the edge (it is
 * clamped): the mapping layer's one tolerance (clampToFrame), so the profile refuses exactly what
 * the mapping would, and with a reason that names the coordinate space.
 */
export function edgeTolerance(_size: number): number {
  return FRAME_TOLERANCE_PX;
}

/** The size the model's numbers count in: the frame itself, or 1000×1000 (999×999) for relative answers. */
export function answerFrame(frame: FrameSize, space: CoordinateSpace): FrameSize {
  const scale = relativeScale(space);
  return scale ? { width: scale, height: scale } : { width: frame.width, height: frame.height };
}

/**
 * Why a point cannot be right in `space`, or undefined: a relative answer above its scale (1000 is
 * still taken in 0–999, as the edge), or a frame-pixel answer past the frame by more than the
 * tolerance. The reason names the likely mis-set coordinate space.
 */
export function refusal(p: Pt, frame: FrameSize, space: CoordinateSpace): string | undefined {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return `the point (${p.x}, ${p.y}) is not a number pair`;
  if (p.x < 0 || p.y < 0) return `the point (${p.x}, ${p.y}) has a negative coordinate`;
  const scale = relativeScale(space);
  if (scale) {
    if (p.x > 1000 || p.y > 1000) {
      return `the point (${p.x}, ${p.y}) is above 1000, so it cannot be a relative 0–${scale} coordinate; this model likely answers in frame pixels (Qwen2.5-VL, UI-TARS-1.5): set the endpoint's coordinate space to frame (--coordinates frame)`;
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
  const scale = relativeScale(space);
  const [x, y] = scale ? [(p.x * frame.width) / scale - 0.5, (p.y * frame.height) / scale - 0.5] : [p.x, p.y];
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
  const scale = relativeScale(space);
  if (!scale) return [Math.round(c[0]), Math.round(c[1])];
  return [Math.round(((c[0] + 0.5) * scale) / frame.width), Math.round(((c[1] + 0.5) * scale) / frame.height)];
}

/** Whether a grounding candidate can be right in `space` (see `refusal`). */
export function candidateFits(c: GroundCandidate, frame: FrameSize, space: CoordinateSpace): boolean {
  const corners: Pt[] = c.box
    ? [
        { x: c.box[0], y: c.box[1] },
        { x: c.box[2], y: c.box[3] },
      ]
    : [c.point];
  return corners.every((p) => refusal(p, frame, space) === undefined);
}

/** A grounding candidate in model space → frame pixels (positions, not pixel indices: a box stays a box). */
export function candidateToFrame(c: GroundCandidate, frame: FrameSize, space: CoordinateSpace): GroundCandidate {
  const scale = relativeScale(space);
  // 1000 in a 0–999 answer is the far edge too: positions never pass the frame.
  const map = (p: Pt): Pt =>
    scale
      ? { x: Math.min((p.x * frame.width) / scale, frame.width), y: Math.min((p.y * frame.height) / scale, frame.height) }
      : { x: Math.min(p.x, frame.width), y: Math.min(p.y, frame.height) };
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
