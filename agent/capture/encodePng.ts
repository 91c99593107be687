import sharp from "sharp";
import type { Capture } from "../ports/Capture.js";

/** Encodes a capture as an RGB PNG at its native resolution. */
export function encodePng(capture: Capture): Promise<Buffer> {
  return sharp(capture.data, { raw: { width: capture.width, height: capture.height, channels: capture.channels } })
    .removeAlpha()
    .png({ compressionLevel: 3 })
    .toBuffer();
}
