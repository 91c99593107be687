import sharp from "sharp";

/** A deterministic RGB "screenshot": gradients and a blue button, for benchmarks without a display. */
export function syntheticScreenshot(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const button = x > width * 0.6 && x < width * 0.8 && y > height * 0.7 && y < height * 0.8;
      data[i] = button ? 30 : (x * 255) / width;
      data[i + 1] = button ? 90 : (y * 255) / height;
      data[i + 2] = button ? 200 : 128;
    }
  }
  return data;
}

/** The synthetic screenshot at width×height, written as a PNG to `path` (the file both engines read). */
export async function writeSyntheticScreenshot(path: string, width: number, height: number): Promise<string> {
  await sharp(Buffer.from(syntheticScreenshot(width, height)), { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
  return path;
}
