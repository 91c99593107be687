import sharp from "sharp";
import { ImageInputError } from "../frames/ImageInputError.js";
import type { RgbImage } from "../frames/RgbImage.js";

/** Decodes a PNG/JPEG/WebP file or buffer to raw RGB; a non-image or corrupt file is an ImageInputError. */
export async function decodeImage(input: string | Uint8Array): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(input).removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (error) {
    const what = typeof input === "string" ? input : "the image buffer";
    throw new ImageInputError(`${what} is not a readable image (${(error as Error).message})`, { cause: error });
  }
}
