import type { Display } from "../geometry/Display.js";
import { clampToFrame } from "../geometry/clampToFrame.js";
import { boxCentre, frameToImage, imageToScreen, mapBox, type FrameSize } from "../geometry/frameMapping.js";
import type { GroundCandidate } from "../profiles/GroundCandidate.js";
import type { Box, Region } from "../geometry/shapes.js";
import type { FramePoint, ImagePoint, LogicalPoint } from "../geometry/pixelSpace.js";

/**
 * A candidate from model-frame pixels to source-image pixels (a box's point stays its centre).
 * Points past the frame's edge are clamped onto it, or throw OutOfFrameError when far out (clampToFrame).
 */
export function candidateToImage(c: GroundCandidate, frame: FrameSize, region: Region): GroundCandidate<"image"> {
  const map = (p: FramePoint): ImagePoint => frameToImage(clampToFrame(p, frame), frame, region);
  if (!c.box) return { point: map(c.point), label: c.label };
  const box = mapBox(c.box, map);
  return { point: boxCentre(box), box, label: c.label };
}

/** A source-image candidate on the global logical screen. */
export function candidateToScreen(c: GroundCandidate<"image">, display: Display): { point: LogicalPoint; box?: Box } {
  const point = imageToScreen(c.point, display);
  return c.box ? { point, box: mapBox(c.box, (p) => imageToScreen(p, display)) } : { point };
}
