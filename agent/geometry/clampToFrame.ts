import { OutOfFrameError } from "../errors/OutOfFrameError.js";
import type { FrameSize } from "./frameMapping.js";
import type { FramePoint } from "./pixelSpace.js";

/**
 * How far past a frame's edge (in frame pixels) an answer still counts as meant for the edge:
 * two of Qwen2.5-VL's 28-px merged patches. A model pointing at an element in the edge patch
 * lands up to about a patch beyond it; farther out is not a near miss but another coordinate
 * space (screen pixels, 0–1000 on a small frame), where clicking the clamped edge would act on
 * an arbitrary place. In pixels, not a fraction of the frame: the model's error is in patches.
 */
export const FRAME_TOLERANCE_PX = 56;

/** Whether a frame point is inside the frame or within FRAME_TOLERANCE_PX of it. */
export function nearFrame(p: FramePoint, frame: FrameSize): boolean {
  const t = FRAME_TOLERANCE_PX;
  return p.x >= -t && p.y >= -t && p.x <= frame.width + t && p.y <= frame.height + t;
}

/**
 * A model-frame point onto the frame [0, w] × [0, h] (far edges included, as a box's corner may
 * be): an overshoot at an edge becomes the edge. Throws OutOfFrameError beyond FRAME_TOLERANCE_PX. Every path from an
 * answer to the screen (loop, grounding, ask, macros' fallback) maps through this.
 */
export function clampToFrame(p: FramePoint, frame: FrameSize): FramePoint {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || !nearFrame(p, frame)) throw new OutOfFrameError(p.x, p.y, frame, FRAME_TOLERANCE_PX);
  return { x: Math.min(Math.max(p.x, 0), frame.width), y: Math.min(Math.max(p.y, 0), frame.height) };
}
