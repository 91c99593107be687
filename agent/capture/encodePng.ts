import sharp from "sharp";
import type { Capture } from "./Capture.js";

/** Writes a capture as an RGB PNG at its native resolution. */
export async function encodePng(capture: Capture, file: string): Promise<void> {
  await sharp(capture.data, { raw: { width: capture.width, height: capture.height, channels: capture.channels } })
    .removeAlpha()
    .png({ compressionLevel: 3 })
    .toFile(file);
}
