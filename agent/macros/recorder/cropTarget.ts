import sharp from "sharp";
import type { Capture } from "../../ports/Capture.js";
import type { Point } from "../../geometry/Display.js";
import { regionClipped, toCapturePixel } from "../../geometry/regionAround.js";
import type { MacroCrop } from "../MacroSchema.js";

/** Half the crop's size around a clicked point, logical px: enough for a button's label and edges. */
export const CROP_HALF = { x: 60, y: 28 } as const;
/**
 * Half the wider picture around it, logical px: the element's label and neighbours, which tell
 * apart elements that look alike (blank fields of one form). Compared only when the crop ties.
 */
export const CONTEXT_HALF = { x: 180, y: 90 } as const;

/** The element's picture around a global logical point, at the capture's native resolution, clipped to the display. */
export async function cropTarget(capture: Capture, point: Point, half: { x: number; y: number } = CROP_HALF): Promise<MacroCrop> {
  const s = capture.display.scaleFactor;
  const p = toCapturePixel(point, capture.display);
  const { x: left, y: top, width, height } = regionClipped(p, { x: half.x * s, y: half.y * s }, capture);
  const png = await sharp(capture.data, { raw: { width: capture.width, height: capture.height, channels: 4 } })
    .extract({ left, top, width, height })
    .removeAlpha()
    .png()
    .toBuffer();
  return { png: png.toString("base64"), width, height, anchor: { x: Math.min(width, Math.max(0, p.x - left)), y: Math.min(height, Math.max(0, p.y - top)) } };
}
