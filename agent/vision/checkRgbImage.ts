import { ImageInputError } from "./errors/ImageInputError.js";
import { MAX_ASPECT_RATIO } from "../geometry/smartResize.js";
import type { RgbImage } from "./VisionModel.js";

/** Refuses raw RGB that is not a whole positive size, whose bytes do not match it, or that no model frame can hold (too narrow). */
export function checkRgbImage({ width, height, data }: RgbImage): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImageInputError(`image size ${width}x${height} is not a positive whole size`);
  }
  if (!(data instanceof Uint8Array) || data.length !== width * height * 3) {
    throw new ImageInputError(`image data has ${data?.length} bytes; ${width}x${height} RGB needs ${width * height * 3}`);
  }
  if (Math.max(width, height) / Math.min(width, height) > MAX_ASPECT_RATIO) {
    throw new ImageInputError(`image ${width}x${height} is more than ${MAX_ASPECT_RATIO}:1; crop it first`);
  }
}
