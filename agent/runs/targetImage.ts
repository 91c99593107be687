import sharp from "sharp";
import type { Capture } from "../ports/Capture.js";
import type { Point } from "../geometry/Display.js";
import type { TargetImage } from "./RunLogEntry.js";
import { regionClipped, toCapturePixel } from "../geometry/regionAround.js";

/**
 * Half the area a run record keeps around an acted point, logical px: more than the template
 * crop (recorder/cropTarget) and the area the model is shown to name the element
 * (recorder/describeWithModel), so a saved run gets both from it.
 */
export const TARGET_IMAGE_HALF = { x: 160, y: 100 } as const;

/** The unannotated screen around a global logical point, clipped to the capture: PNG bytes and where they lie. */
export async function encodeTargetImage(capture: Capture, point: Point): Promise<{ png: Buffer; rect: TargetImage["rect"] }> {
  const s = capture.display.scaleFactor;
  // acted points lie on the screen; one that does not still gets the nearest pixel's surroundings
  const p = toCapturePixel(point, capture.display);
  const centre = { x: Math.min(capture.width - 1, Math.max(0, p.x)), y: Math.min(capture.height - 1, Math.max(0, p.y)) };
  const { x: left, y: top, width, height } = regionClipped(centre, { x: TARGET_IMAGE_HALF.x * s, y: TARGET_IMAGE_HALF.y * s }, capture);
  const rect = { left, top, width, height };
  const png = await sharp(capture.data, { raw: { width: capture.width, height: capture.height, channels: 4 } })
    .extract(rect)
    .png()
    .toBuffer();
  return { png, rect };
}

/**
 * A target image read back as a capture of a small display covering just its rectangle, so the
 * recorder's crop and describe functions work on it unchanged with global logical points.
 */
export async function targetImageCapture(png: Buffer, image: TargetImage): Promise<Capture> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== image.rect.width || info.height !== image.rect.height) {
    throw new Error(`${image.file} is ${info.width}×${info.height}, the run log says ${image.rect.width}×${image.rect.height}`);
  }
  const d = image.display;
  const s = d.scaleFactor;
  return {
    display: { ...d, x: d.x + image.rect.left / s, y: d.y + image.rect.top / s, width: info.width / s, height: info.height / s },
    width: info.width,
    height: info.height,
    channels: 4,
    data,
    ms: 0,
    source: "run record",
  };
}
