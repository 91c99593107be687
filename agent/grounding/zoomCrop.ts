import { FRAME_FACTOR, type Frame } from "../geometry/smartResize.js";
import { regionInside } from "../geometry/regionAround.js";
import type { Pt, Region } from "../geometry/shapes.js";

/** Zoom pays off once the frame shrank the image by more than this (pixel-area ratio): 4K yes, 1440p no. */
export const AUTO_ZOOM_AREA_RATIO = 1.5;

/** Whether "auto" zoom refines: the coarse frame downscaled the image noticeably. */
export function zoomWorthIt(image: { width: number; height: number }, frame: Frame): boolean {
  return (image.width * image.height) / (frame.width * frame.height) > AUTO_ZOOM_AREA_RATIO;
}

/**
 * The native-resolution crop for the second pass: at most the coarse frame's size (so the crop is
 * not downscaled again) and at most half the image per side, in multiples of the model's grid
 * (`factor`: 28 Qwen2.5-VL, 32 Qwen3-VL), centred on the coarse hit and moved inside the image.
 */
export function zoomCrop(image: { width: number; height: number }, frame: Frame, hit: Pt, factor = FRAME_FACTOR): Region {
  const side = (imageSide: number, frameSide: number) =>
    Math.min(imageSide, Math.max(factor, Math.floor(Math.min(frameSide, imageSide / 2) / factor) * factor));
  return regionInside(hit, { width: side(image.width, frame.width), height: side(image.height, frame.height) }, image);
}
