import type { Display } from "./Display.js";
import type { Box, Pt, Region } from "./shapes.js";
import type { FramePoint, ImagePoint, LogicalPoint } from "./pixelSpace.js";

/** A model frame's size: the resized image the model saw, whose pixels its answers count. */
export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** Model frame → source image: the frame is `region` of the image stretched to `frame` (docs/design.md §3). */
export function frameToImage(p: FramePoint, frame: FrameSize, region: Region): ImagePoint {
  return { x: region.x + (p.x * region.width) / frame.width, y: region.y + (p.y * region.height) / frame.height };
}

/** Source image → model frame; the inverse of `frameToImage`. */
export function imageToFrame(p: ImagePoint, frame: FrameSize, region: Region): FramePoint {
  return { x: ((p.x - region.x) * frame.width) / region.width, y: ((p.y - region.y) * frame.height) / region.height };
}

/** Source image (a display's native pixels) → global screen logical pixels: origin + native / scaleFactor. */
export function imageToScreen(p: ImagePoint, display: Display): LogicalPoint {
  return { x: display.x + p.x / display.scaleFactor, y: display.y + p.y / display.scaleFactor };
}

/** Applies a point mapping to both corners of a box. */
export function mapBox(box: Box, map: (p: Pt) => Pt): Box {
  const a = map({ x: box[0], y: box[1] });
  const b = map({ x: box[2], y: box[3] });
  return [a.x, a.y, b.x, b.y];
}

/** The centre of a box. */
export function boxCentre(box: Box): Pt {
  return { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 };
}

/** The whole of an image as a region. */
export function fullRegion(image: { width: number; height: number }): Region {
  return { x: 0, y: 0, width: image.width, height: image.height };
}
