import { MAX_ASPECT_RATIO } from "../geometry/smartResize.js";
import { ImageInputError } from "./ImageInputError.js";
import type { PreparedFrame } from "./PreparedFrame.js";

/**
 * The one check of a frame where it meets a model: its pixels are exactly the frame it claims, on
 * the model's grid (`factor`), within the `minTokens`…`maxTokens` the model encodes as they are
 * (mtmd enlarges below its minimum and shrinks above its maximum). Any of those would shift the
 * answer's coordinates, so it fails here with what to change instead.
 */
export function checkFrame(image: Pick<PreparedFrame, "rgb" | "frame">, factor: number, minTokens: number, maxTokens: number): void {
  const { rgb, frame } = image;
  const { width, height, data } = rgb;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImageInputError(`image size ${width}x${height} is not a positive whole size`);
  }
  if (!(data instanceof Uint8Array) || data.length !== width * height * 3) {
    throw new ImageInputError(`image data has ${data?.length} bytes; ${width}x${height} RGB needs ${width * height * 3}`);
  }
  if (Math.max(width, height) / Math.min(width, height) > MAX_ASPECT_RATIO) {
    throw new ImageInputError(`image ${width}x${height} is more than ${MAX_ASPECT_RATIO}:1; crop it first`);
  }
  if (
    frame.width !== width ||
    frame.height !== height ||
    width % factor !== 0 ||
    height % factor !== 0 ||
    frame.tokens !== (width / factor) * (height / factor)
  ) {
    throw new ImageInputError(
      `the image is ${width}x${height} but claims the ${frame.width}x${frame.height} frame (${frame.tokens} tokens); prepare it with prepareFrame, which resizes to sides that are multiples of ${factor}`,
    );
  }
  if (frame.tokens < minTokens || frame.tokens > maxTokens) {
    throw new ImageInputError(
      `the ${width}x${height} frame is ${frame.tokens} image tokens, outside the ${minTokens}…${maxTokens} the engine was loaded for, so llama.cpp would resize it; prepare it within those bounds or load the model with other image-token bounds`,
    );
  }
}
