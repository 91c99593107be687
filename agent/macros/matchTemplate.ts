import { boxDownsample, integrals, windowSum, type GrayImage, type Integrals } from "./GrayImage.js";

/** A place where the template fits: its top-left corner in image pixels and the normalised cross-correlation there. */
export interface TemplateHit {
  readonly x: number;
  readonly y: number;
  /** Zero-mean normalised cross-correlation, −1…1; 1 is a perfect fit up to brightness and contrast. */
  readonly score: number;
}

export interface MatchOptions {
  /** How many distinct coarse candidates to refine at full resolution. */
  readonly candidates?: number;
  /** Target number of template pixels at the coarse level; sets the downsampling factor. */
  readonly coarsePixels?: number;
}

/** Below this standard deviation (grey levels) a template is flat: it would match any flat area. */
export const FLAT_TEMPLATE_STD = 2;

/**
 * Finds `template` in `image` by zero-mean normalised cross-correlation, coarse to fine: an
 * exhaustive search on k×k-averaged images, then searches a few pixels around the best
 * candidates at finer levels down to full resolution. Returns the refined hits, best first (empty when the template does not fit).
 */
export function matchTemplate(image: GrayImage, template: GrayImage, options: MatchOptions = {}): TemplateHit[] {
  if (template.width > image.width || template.height > image.height || template.width < 3 || template.height < 3) return [];
  if (prepare(template).std < FLAT_TEMPLATE_STD) return [];
  const k = Math.max(1, Math.min(Math.floor(Math.sqrt((template.width * template.height) / (options.coarsePixels ?? 300))), Math.floor(Math.min(template.width, template.height) / 4)));
  // A pyramid k → √k → 1: each level searches only a few pixels around the previous level's seeds.
  const levels = k >= 4 ? [k, Math.round(Math.sqrt(k)), 1] : k > 1 ? [k, 1] : [1];
  let seeds: TemplateHit[] = [];
  let previous = 0;
  for (const level of levels) {
    const img = boxDownsample(image, level);
    const t = prepare(boxDownsample(template, level));
    const ii = integrals(img);
    if (previous === 0) {
      const all = scan(img, ii, t, 0, 0, img.width - t.width, img.height - t.height);
      seeds = suppress(all, Math.max(2, Math.floor(Math.min(t.width, t.height) / 2)), options.candidates ?? 10);
    } else {
      const ratio = previous / level;
      seeds = refine(img, ii, t, seeds.map((s) => ({ x: Math.round(s.x * ratio), y: Math.round(s.y * ratio) })), Math.ceil(ratio) + 1);
    }
    previous = level;
  }
  return seeds;
}

interface Prepared {
  readonly width: number;
  readonly height: number;
  /** Template minus its mean. */
  readonly zero: Float32Array;
  /** √Σ(t − mean)². */
  readonly norm: number;
  readonly std: number;
}

function prepare(t: GrayImage): Prepared {
  const n = t.width * t.height;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += t.data[i]!;
  mean /= n;
  const zero = new Float32Array(n);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = t.data[i]! - mean;
    zero[i] = v;
    ss += v * v;
  }
  return { width: t.width, height: t.height, zero, norm: Math.sqrt(ss), std: Math.sqrt(ss / n) };
}

/** NCC at every top-left position in [x0, x1] × [y0, y1]. */
function scan(image: GrayImage, ii: Integrals, t: Prepared, x0: number, y0: number, x1: number, y1: number): TemplateHit[] {
  const hits: TemplateHit[] = [];
  const n = t.width * t.height;
  const iw = image.width;
  const img = image.data;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const s = windowSum(ii.sum, ii.stride, x, y, t.width, t.height);
      const varSum = windowSum(ii.sq, ii.stride, x, y, t.width, t.height) - (s * s) / n;
      // A flat window carries no evidence either way.
      if (varSum <= n * 0.25) continue;
      let cross = 0;
      for (let ty = 0, ti = 0; ty < t.height; ty++) {
        const row = (y + ty) * iw + x;
        for (let tx = 0; tx < t.width; tx++, ti++) cross += t.zero[ti]! * img[row + tx]!;
      }
      hits.push({ x, y, score: cross / (t.norm * Math.sqrt(varSum)) });
    }
  }
  return hits;
}

/** The best hits that are at least `radius` apart (non-maximum suppression). */
function suppress(hits: TemplateHit[], radius: number, keep: number): TemplateHit[] {
  const sorted = hits.sort((a, b) => b.score - a.score);
  const kept: TemplateHit[] = [];
  for (const h of sorted) {
    if (kept.length >= keep) break;
    if (kept.every((k) => Math.abs(k.x - h.x) >= radius || Math.abs(k.y - h.y) >= radius)) kept.push(h);
  }
  return kept;
}

/** Full-resolution search within `radius` of each seed; the best hit per seed, best first, duplicates merged. */
function refine(image: GrayImage, ii: Integrals, t: Prepared, seeds: readonly { x: number; y: number }[], radius: number): TemplateHit[] {
  const maxX = image.width - t.width;
  const maxY = image.height - t.height;
  const best: TemplateHit[] = [];
  for (const seed of seeds) {
    const hits = scan(image, ii, t, Math.max(0, seed.x - radius), Math.max(0, seed.y - radius), Math.min(maxX, seed.x + radius), Math.min(maxY, seed.y + radius));
    const top = hits.reduce<TemplateHit | undefined>((a, h) => (!a || h.score > a.score ? h : a), undefined);
    if (top && !best.some((b) => b.x === top.x && b.y === top.y)) best.push(top);
  }
  return best.sort((a, b) => b.score - a.score);
}
