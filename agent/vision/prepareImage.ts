import sharp from "sharp";
import { FRAME_FACTOR, smartResize, type Frame } from "../geometry/smartResize.js";
import { checkRgbImage } from "./checkRgbImage.js";
import type { RgbImage } from "./VisionModel.js";

/** An image resized to exactly its model frame, so llama.cpp encodes it untouched (DESIGN §3). */
export interface PreparedImage {
  readonly rgb: RgbImage;
  readonly frame: Frame;
  readonly ms: number;
}

/** Checks a raw RGB image and resizes it (bicubic, stretched like HF's processor) to its smart_resize frame on a `factor` grid (the model's). */
export async function prepareImage(image: RgbImage, minTokens: number, maxTokens: number, factor = FRAME_FACTOR): Promise<PreparedImage> {
  const started = performance.now();
  const { width, height, data } = image;
  checkRgbImage(image);
  const frame = smartResize(width, height, minTokens, maxTokens, factor);
  if (frame.width === width && frame.height === height) return { rgb: image, frame, ms: performance.now() - started };
  const resized = await sharp(data, { raw: { width, height, channels: 3 } })
    .resize(frame.width, frame.height, { fit: "fill", kernel: "cubic" })
    .raw()
    .toBuffer();
  return { rgb: { data: new Uint8Array(resized.buffer, resized.byteOffset, resized.length), width: frame.width, height: frame.height }, frame, ms: performance.now() - started };
}
