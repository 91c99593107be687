/** A single-channel image of luminance values 0–255, row-major. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Luminance (Rec. 601) of tightly packed RGB or RGBA pixels. */
export function toGray(pixels: Uint8Array, width: number, height: number, channels: 3 | 4): GrayImage {
  const data = new Float32Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += channels) {
    data[i] = 0.299 * pixels[p]! + 0.587 * pixels[p + 1]! + 0.114 * pixels[p + 2]!;
  }
  return { width, height, data };
}

/** Averages k×k blocks (the remainder at the right and bottom edges is dropped). */
export function boxDownsample(image: GrayImage, k: number): GrayImage {
  if (k === 1) return image;
  const width = Math.floor(image.width / k);
  const height = Math.floor(image.height / k);
  const data = new Float32Array(width * height);
  const inv = 1 / (k * k);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let dy = 0; dy < k; dy++) {
        const row = (y * k + dy) * image.width + x * k;
        for (let dx = 0; dx < k; dx++) s += image.data[row + dx]!;
      }
      data[y * width + x] = s * inv;
    }
  }
  return { width, height, data };
}

/**
 * Downsamples by k after smoothing with two k-wide box filters, so a thin line lands in two or
 * three coarse pixels with weights that follow its position. Plain block averages put a 1-px line
 * in one coarse row chosen by its phase, so two lines 33 px apart end up 8 or 9 rows apart: a
 * template of a blank field's two edges then fits its own field worse than a place where one edge
 * meets another, and the coarse search never looks at the field.
 */
export function smoothDownsample(image: GrayImage, k: number): GrayImage {
  if (k === 1) return image;
  return boxDownsample(boxBlur(boxBlur(image, k), k), k);
}

/** A centred box filter `w` px wide along both axes (edges clamped), by running sums. */
function boxBlur(image: GrayImage, w: number): GrayImage {
  const { width, height } = image;
  const pass = (src: Float32Array, len: number, lines: number, stride: number, step: number): Float32Array => {
    const out = new Float32Array(src.length);
    const lo = Math.floor((w - 1) / 2);
    const hi = w - 1 - lo;
    for (let l = 0; l < lines; l++) {
      const base = l * stride;
      const at = (i: number) => src[base + Math.min(len - 1, Math.max(0, i)) * step]!;
      let sum = 0;
      for (let i = -lo; i <= hi; i++) sum += at(i);
      for (let i = 0; i < len; i++) {
        out[base + i * step] = sum / w;
        sum += at(i + hi + 1) - at(i - lo);
      }
    }
    return out;
  };
  const rows = pass(image.data, width, height, width, 1);
  return { width, height, data: pass(rows, height, width, 1, width) };
}

/** Summed-area tables of values and squares, (w+1)×(h+1), in float64 so large sums stay exact enough. */
export interface Integrals {
  readonly stride: number;
  readonly sum: Float64Array;
  readonly sq: Float64Array;
}

export function integrals(image: GrayImage): Integrals {
  const stride = image.width + 1;
  const sum = new Float64Array(stride * (image.height + 1));
  const sq = new Float64Array(stride * (image.height + 1));
  for (let y = 0; y < image.height; y++) {
    let rs = 0;
    let rq = 0;
    for (let x = 0; x < image.width; x++) {
      const v = image.data[y * image.width + x]!;
      rs += v;
      rq += v * v;
      const i = (y + 1) * stride + x + 1;
      sum[i] = sum[i - stride]! + rs;
      sq[i] = sq[i - stride]! + rq;
    }
  }
  return { stride, sum, sq };
}

/** Sum over the w×h window at (x, y) of a summed-area table. */
export function windowSum(table: Float64Array, stride: number, x: number, y: number, w: number, h: number): number {
  const a = y * stride + x;
  const b = (y + h) * stride + x;
  return table[b + w]! - table[b]! - table[a + w]! + table[a]!;
}
