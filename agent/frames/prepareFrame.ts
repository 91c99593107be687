import { availableParallelism } from "node:os";
import sharp from "sharp";
import { FRAME_FACTOR, MAX_ASPECT_RATIO, smartResize } from "../geometry/smartResize.js";
import type { Region } from "../geometry/shapes.js";
import { ImageInputError } from "./ImageInputError.js";
import type { PreparedFrame } from "./PreparedFrame.js";
import type { SourceImage } from "./SourceImage.js";
import { DEFAULT_TOKEN_BOUNDS, type TokenBounds } from "./TokenBounds.js";

/**
 * libvips threads for the frame's resize. sharp leaves glibc Linux at one thread (to limit heap
 * fragmentation), which made a 4K frame cost 88 ms on two cores instead of 45; up to four are
 * used, and the pixels are the same for any count (test/unit/frames/prepareFrame).
 */
export const FRAME_THREADS = Math.min(availableParallelism(), 4);
sharp.concurrency(FRAME_THREADS);

/**
 * The one way to a model frame: crops `region` (default: all), flattens alpha on white, turns
 * BGR(A) into RGB, and resizes (bicubic, stretched like Qwen's processor) to the smart_resize
 * frame within `bounds`, on the model's grid (docs/design.md §3). Refuses a source it cannot frame.
 */
export async function prepareFrame(image: SourceImage, bounds: TokenBounds = DEFAULT_TOKEN_BOUNDS, region?: Region): Promise<PreparedFrame> {
  const started = performance.now();
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImageInputError(`image size ${width}x${height} is not a positive whole size`);
  }
  if (data.length !== width * height * channels) {
    throw new ImageInputError(`image data has ${data.length} bytes; ${width}x${height} with ${channels} channels needs ${width * height * channels}`);
  }
  const r = region ?? { x: 0, y: 0, width, height };
  if (
    ![r.x, r.y, r.width, r.height].every(Number.isInteger) ||
    r.x < 0 ||
    r.y < 0 ||
    r.width <= 0 ||
    r.height <= 0 ||
    r.x + r.width > width ||
    r.y + r.height > height
  ) {
    throw new ImageInputError(`region ${r.width}x${r.height}+${r.x}+${r.y} is not whole pixels inside the ${width}x${height} image`);
  }
  if (Math.max(r.width, r.height) / Math.min(r.width, r.height) > MAX_ASPECT_RATIO) {
    throw new ImageInputError(`image ${r.width}x${r.height} is more than ${MAX_ASPECT_RATIO}:1; crop it first`);
  }
  const frame = smartResize(r.width, r.height, bounds.minImageTokens, bounds.maxImageTokens, bounds.factor ?? FRAME_FACTOR);
  let pipeline = sharp(data, { raw: { width, height, channels } });
  if (r.width !== width || r.height !== height) pipeline = pipeline.extract({ left: r.x, top: r.y, width: r.width, height: r.height });
  if (channels === 4) pipeline = pipeline.flatten({ background: { r: 255, g: 255, b: 255 } });
  if (frame.width !== r.width || frame.height !== r.height) pipeline = pipeline.resize(frame.width, frame.height, { fit: "fill", kernel: "cubic" });
  const out = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (out.info.width !== frame.width || out.info.height !== frame.height || out.info.channels !== 3) {
    throw new ImageInputError(`resizing gave ${out.info.width}x${out.info.height}x${out.info.channels}, not the ${frame.width}x${frame.height} RGB frame`);
  }
  const rgb = new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length);
  if (image.order === "bgr") swapRedBlue(rgb); // flatten and resize act per channel, so swapping after is the same
  return { rgb: { data: rgb, width: frame.width, height: frame.height }, frame, region: r, ms: performance.now() - started };
}

function swapRedBlue(rgb: Uint8Array): void {
  for (let i = 0; i < rgb.length; i += 3) {
    const t = rgb[i]!;
    rgb[i] = rgb[i + 2]!;
    rgb[i + 2] = t;
  }
}
