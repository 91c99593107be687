import sharp from "sharp";
import type { SourceImage } from "../frames/SourceImage.js";
import type { Box, Pt } from "../geometry/shapes.js";

/** PNG of the source image with the grounded box (green) and point (red cross) drawn on it. */
export async function annotateImage(image: SourceImage, mark: { point: Pt; box?: Box; label?: string }): Promise<Buffer> {
  const { width, height } = image;
  const stroke = Math.max(2, Math.round(Math.min(width, height) / 400));
  const r = stroke * 6;
  const { x, y } = mark.point;
  const box = mark.box
    ? `<rect x="${mark.box[0]}" y="${mark.box[1]}" width="${mark.box[2] - mark.box[0]}" height="${mark.box[3] - mark.box[1]}" fill="none" stroke="#00e040" stroke-width="${stroke}"/>`
    : "";
  const label = mark.label
    ? `<text x="${x + r + stroke}" y="${y - r}" font-family="sans-serif" font-size="${stroke * 8}" fill="#ff2020" stroke="#ffffff" stroke-width="${stroke / 3}">${escapeXml(mark.label)}</text>`
    : "";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${box}
<circle cx="${x}" cy="${y}" r="${r}" fill="none" stroke="#ff2020" stroke-width="${stroke}"/>
<line x1="${x - r * 1.5}" y1="${y}" x2="${x + r * 1.5}" y2="${y}" stroke="#ff2020" stroke-width="${stroke}"/>
<line x1="${x}" y1="${y - r * 1.5}" x2="${x}" y2="${y + r * 1.5}" stroke="#ff2020" stroke-width="${stroke}"/>${label}</svg>`;
  let base = sharp(image.data, { raw: { width, height, channels: image.channels } });
  if (image.order === "bgr")
    base = sharp(
      await base
        .recomb(
          image.channels === 4
            ? [
                [0, 0, 1, 0],
                [0, 1, 0, 0],
                [1, 0, 0, 0],
                [0, 0, 0, 1],
              ]
            : [
                [0, 0, 1],
                [0, 1, 0],
                [1, 0, 0],
              ],
        )
        .raw()
        .toBuffer(),
      { raw: { width, height, channels: image.channels } },
    );
  return base
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png()
    .toBuffer();
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
