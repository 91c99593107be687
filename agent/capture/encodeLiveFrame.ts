import sharp from "sharp";
import type { Capture } from "../ports/Capture.js";

/** A capture made small enough to stream: a JPEG data URL and its size in pixels. */
export interface LiveFrame {
  readonly image: string;
  readonly width: number;
  readonly height: number;
}

export interface LiveFrameOptions {
  /** The longer side at most, px; a smaller capture keeps its size. */
  readonly maxSide: number;
  readonly quality: number;
  /** A frame still larger than this after encoding is sent at lower quality, else not at all. */
  readonly maxBytes: number;
}

export const defaultLiveFrameOptions: LiveFrameOptions = { maxSide: 640, quality: 60, maxBytes: 120_000 };

/** Downscales and JPEG-encodes a capture for the panel's live view; undefined when it stays over `maxBytes`. */
export async function encodeLiveFrame(capture: Capture, options: LiveFrameOptions = defaultLiveFrameOptions): Promise<LiveFrame | undefined> {
  const scale = Math.min(1, options.maxSide / Math.max(capture.width, capture.height));
  const width = Math.max(1, Math.round(capture.width * scale));
  const height = Math.max(1, Math.round(capture.height * scale));
  const small = await sharp(capture.data, { raw: { width: capture.width, height: capture.height, channels: capture.channels } })
    .removeAlpha()
    .resize(width, height, { fit: "fill" })
    .raw()
    .toBuffer();
  for (const quality of [options.quality, Math.round(options.quality / 2)]) {
    const jpeg = await sharp(small, { raw: { width, height, channels: 3 } })
      .jpeg({ quality })
      .toBuffer();
    if (jpeg.length <= options.maxBytes) return { image: `data:image/jpeg;base64,${jpeg.toString("base64")}`, width, height };
  }
  return undefined;
}
