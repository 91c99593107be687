import sharp from "sharp";
import type { Capture } from "../ports/Capture.js";
import { physicalSize, type Display } from "../geometry/Display.js";
import { ImageInputError } from "./ImageInputError.js";
import type { SourceImage } from "./SourceImage.js";

/** Decodes an image file or buffer (PNG, JPEG, WebP…) to RGB or RGBA pixels, alpha kept for preparation to flatten. */
export async function loadImageFile(input: string | Uint8Array): Promise<SourceImage> {
  try {
    const { data, info } = await sharp(input).toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) throw new Error(`decoded to ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    const what = typeof input === "string" ? input : "the image buffer";
    throw new ImageInputError(`${what} is not a readable image (${(error as Error).message})`, { cause: error });
  }
}

/** A display capture as a source image: its native RGBA pixels, placed on the screen by its display. */
export function sourceFromCapture(capture: Capture): SourceImage & { readonly display: Display } {
  const expected = physicalSize(capture.display);
  if (Math.abs(expected.width - capture.width) > 1 || Math.abs(expected.height - capture.height) > 1) {
    throw new ImageInputError(
      `capture is ${capture.width}x${capture.height} but display ${capture.display.id} is ${expected.width}x${expected.height} native pixels; the screen mapping would be wrong. Capture again.`,
    );
  }
  return { data: capture.data, width: capture.width, height: capture.height, channels: 4, display: capture.display };
}
