import type { GrayImage } from "./GrayImage.js";

/**
 * Zero-mean normalised cross-correlation of `template` placed with its top-left corner at (x, y)
 * in `image`, over the part of it that lies inside the image (a context picture recorded near a
 * screen edge is clipped there). `weights` (one per template pixel) make some parts count more.
 * 0 when too little overlaps or either side is flat.
 */
export function nccAt(image: GrayImage, template: GrayImage, x: number, y: number, weights?: Float32Array): number {
  const x0 = Math.max(0, -x);
  const y0 = Math.max(0, -y);
  const x1 = Math.min(template.width, image.width - x);
  const y1 = Math.min(template.height, image.height - y);
  const area = (x1 - x0) * (y1 - y0);
  // Under half the template inside the image is too little to compare.
  if (x1 <= x0 || y1 <= y0 || area < (template.width * template.height) / 2) return 0;
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let r = y0; r < y1; r++) {
    const trow = r * template.width;
    const irow = (y + r) * image.width + x;
    for (let c = x0; c < x1; c++) {
      const a = template.data[trow + c]!;
      const b = image.data[irow + c]!;
      const w = weights ? weights[trow + c]! : 1;
      n += w;
      sa += w * a;
      sb += w * b;
      saa += w * a * a;
      sbb += w * b * b;
      sab += w * a * b;
    }
  }
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  if (!(n > 0) || va <= n * 0.25 || vb <= n * 0.25) return 0;
  return (sab - (sa * sb) / n) / Math.sqrt(va * vb);
}
