import type { GrayImage } from "./GrayImage.js";

/**
 * Zero-mean normalised cross-correlation of the template's central part (half its width and
 * height, around `anchor`) with the same part of the image window at (x, y). Whole-crop NCC is
 * dominated by an element's outline, so same-shaped buttons score alike; the middle holds the
 * label, which tells them apart.
 */
export function coreScore(image: GrayImage, template: GrayImage, x: number, y: number, anchor: { x: number; y: number }): number {
  const w = Math.max(3, Math.round(template.width / 2));
  const h = Math.max(3, Math.round(template.height / 2));
  const left = clamp(Math.round(anchor.x - w / 2), 0, template.width - w);
  const top = clamp(Math.round(anchor.y - h / 2), 0, template.height - h);
  const n = w * h;
  let ma = 0;
  let mb = 0;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      ma += template.data[(top + r) * template.width + left + c]!;
      mb += image.data[(y + top + r) * image.width + x + left + c]!;
    }
  }
  ma /= n;
  mb /= n;
  let cross = 0;
  let va = 0;
  let vb = 0;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const da = template.data[(top + r) * template.width + left + c]! - ma;
      const db = image.data[(y + top + r) * image.width + x + left + c]! - mb;
      cross += da * db;
      va += da * da;
      vb += db * db;
    }
  }
  // A flat middle (an empty field) carries no label: the whole-crop score must decide alone.
  if (va < n * 4) return 1;
  return vb > 0 ? cross / Math.sqrt(va * vb) : 0;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
