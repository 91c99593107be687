import { ImageInputError } from "./errors/ImageInputError.js";
import { checkRgbImage } from "./checkRgbImage.js";
import type { FramedImage } from "./VisionModel.js";

/**
 * Refuses an image that is not exactly the frame it claims, or a frame the engine would resize
 * (mtmd enlarges below its minimum and shrinks above its maximum): either would shift the
 * answer's coordinates, so it fails here with what to change instead.
 */
export function checkFramedImage(image: FramedImage, factor: number, minTokens: number, maxTokens: number): void {
  const { rgb, frame } = image;
  checkRgbImage(rgb);
  const { width, height } = rgb;
  if (frame.width !== width || frame.height !== height || width % factor !== 0 || height % factor !== 0 || frame.tokens !== (width / factor) * (height / factor)) {
    throw new ImageInputError(
      `the image is ${width}x${height} but claims the ${frame.width}x${frame.height} frame (${frame.tokens} tokens); prepare it with prepareImage or prepareGroundingFrame, which resize to sides that are multiples of ${factor}`,
    );
  }
  if (frame.tokens < minTokens || frame.tokens > maxTokens) {
    throw new ImageInputError(
      `the ${width}x${height} frame is ${frame.tokens} image tokens, outside the ${minTokens}…${maxTokens} the engine was loaded for, so llama.cpp would resize it; prepare it within those bounds or load the model with other image-token bounds`,
    );
  }
}
