import type { Capture } from "../ports/Capture.js";
import type { Rect } from "../geometry/Display.js";

/** The bounding box of the pixels that differ between two captures of one display, in global logical px (undefined: none differ). */
export function changedRegion(a: Capture, b: Capture): Rect | undefined {
  if (a.width !== b.width || a.height !== b.height) return { x: b.display.x, y: b.display.y, width: b.display.width, height: b.display.height };
  const pa = new Uint32Array(a.data.buffer, a.data.byteOffset, a.data.length >> 2);
  const pb = new Uint32Array(b.data.buffer, b.data.byteOffset, b.data.length >> 2);
  let x0 = a.width;
  let y0 = a.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0, i = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++, i++) {
      if (pa[i] === pb[i]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  if (x1 < 0) return undefined;
  const d = b.display;
  const s = d.scaleFactor;
  return { x: d.x + x0 / s, y: d.y + y0 / s, width: (x1 - x0 + 1) / s, height: (y1 - y0 + 1) / s };
}
