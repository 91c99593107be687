import { integrals, smoothDownsample, windowSum, type GrayImage, type Integrals } from "./GrayImage.js";

/** A place where the template fits: its top-left corner in image pixels and the normalised cross-correlation there. */
export interface TemplateHit {
  readonly x: number;
  readonly y: number;
  /** Zero-mean normalised cross-correlation, −1…1; 1 is a perfect fit up to brightness and contrast. */
  readonly score: number;
  /**
   * Top-left corners (every 2 px) joined to this hit by fits as good as it: the same place, e.g.
   * anywhere along a blank field wider than the template. Always holds the hit's own corner.
   */
  readonly spread?: readonly { readonly x: number; readonly y: number }[];
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
  const k = Math.max(
    1,
    Math.min(
      Math.floor(Math.sqrt((template.width * template.height) / (options.coarsePixels ?? 300))),
      Math.floor(Math.min(template.width, template.height) / 4),
    ),
  );
  // A pyramid k → √k → 1: each level searches only a few pixels around the previous level's seeds.
  const levels = k >= 4 ? [k, Math.round(Math.sqrt(k)), 1] : k > 1 ? [k, 1] : [1];
  let seeds: TemplateHit[] = [];
  let previous = 0;
  for (const level of levels) {
    const img = smoothDownsample(image, level);
    const t = prepare(smoothDownsample(template, level));
    const ii = integrals(img);
    if (previous === 0) {
      const map = new ScoreMap(img.width - t.width + 1, img.height - t.height + 1);
      const all = scan(img, ii, t, 0, 0, img.width - t.width, img.height - t.height, map);
      seeds = suppress(all, map, Math.max(2, Math.floor(Math.min(t.width, t.height) / 2)), options.candidates ?? 10).map(({ x, y, score }) => ({
        x,
        y,
        score,
      }));
    } else {
      const ratio = previous / level;
      seeds = refine(
        img,
        ii,
        t,
        seeds.map((s) => ({ x: Math.round(s.x * ratio), y: Math.round(s.y * ratio) })),
        Math.ceil(ratio) + 1,
      );
    }
    previous = level;
  }
  // Coarse levels blur thin edges, so seeds on one long place can stay apart there: join them at full resolution.
  return joinRidges(image, integrals(image), prepare(template), seeds);
}

/**
 * Gives each good full-resolution hit its spread (the ridge of equal fits through it, followed
 * along both axes) and merges hits that lie on another's ridge into it: one place, not rivals.
 */
function joinRidges(image: GrayImage, ii: Integrals, t: Prepared, hits: readonly TemplateHit[]): TemplateHit[] {
  const zone = (hits[0]?.score ?? 0) - RIDGE_ZONE;
  const out: TemplateHit[] = [];
  for (const h of hits) {
    if (h.score < zone) {
      out.push({ ...h, spread: [{ x: h.x, y: h.y }] });
      continue;
    }
    const on = out.find((k) => k.score >= zone && k.spread!.some((p) => Math.abs(p.x - h.x) <= RIDGE_STEP && Math.abs(p.y - h.y) <= RIDGE_STEP));
    if (!on) out.push({ ...h, spread: walkRidge(image, ii, t, h, h.score - RIDGE_DIP) });
  }
  return out;
}

/** Ridge points are followed and kept this far apart (px). */
const RIDGE_STEP = 2;

/** The points reached from `h` going left, right, up and down while the fit stays above `floor` (a pixel of play across). */
function walkRidge(image: GrayImage, ii: Integrals, t: Prepared, h: { x: number; y: number }, floor: number): { x: number; y: number }[] {
  const maxX = image.width - t.width;
  const maxY = image.height - t.height;
  const score = (x: number, y: number) => (x < 0 || y < 0 || x > maxX || y > maxY ? -Infinity : (scan(image, ii, t, x, y, x, y)[0]?.score ?? -Infinity));
  const points = [{ x: h.x, y: h.y }];
  for (const [dx, dy] of [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ] as const) {
    let p = { x: h.x, y: h.y };
    for (;;) {
      const next = { x: p.x + dx * RIDGE_STEP, y: p.y + dy * RIDGE_STEP };
      // The best of the next point and its neighbours across the direction of travel.
      const options = [-1, 0, 1].map((o) => ({ x: next.x + o * dy, y: next.y + o * dx })).map((q) => ({ q, s: score(q.x, q.y) }));
      const best = options.reduce((a, o) => (o.s > a.s ? o : a));
      if (!(best.s >= floor)) break;
      p = best.q;
      points.push(p);
    }
  }
  return points;
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

/** Coarse scores by top-left corner (NaN where the window is flat), to follow a ridge of equal fits. */
class ScoreMap {
  readonly data: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height).fill(Number.NaN);
  }
  at(x: number, y: number): number {
    return this.data[y * this.width + x]!;
  }
}

/** NCC at every top-left position in [x0, x1] × [y0, y1]; also written into `map` when given. */
function scan(image: GrayImage, ii: Integrals, t: Prepared, x0: number, y0: number, x1: number, y1: number, map?: ScoreMap): TemplateHit[] {
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
      const score = cross / (t.norm * Math.sqrt(varSum));
      if (map) map.data[y * map.width + x] = score;
      hits.push({ x, y, score });
    }
  }
  return hits;
}

/** How far below the weaker end a ridge may dip and still join two hits into one place (NCC units). */
const RIDGE_DIP = 0.03;
/** Only hits this close to the best are followed along ridges: below it they cannot tie with the best anyway. */
const RIDGE_ZONE = 0.15;

/**
 * The best hits that are at least `radius` apart (non-maximum suppression), where a good hit
 * joined to a kept one by a straight ridge of fits as good as both is the same place (a field
 * wider than the template fits all along it), so the candidates are not all spent on one ridge.
 */
function suppress(hits: TemplateHit[], map: ScoreMap, radius: number, keep: number): TemplateHit[] {
  const sorted = hits.sort((a, b) => b.score - a.score);
  const kept: { x: number; y: number; score: number; spread: { x: number; y: number }[] }[] = [];
  const zone = (sorted[0]?.score ?? 0) - RIDGE_ZONE;
  for (const h of sorted) {
    if (h.score < zone && kept.length >= keep) break;
    const close = (p: { x: number; y: number }) => Math.abs(p.x - h.x) < radius && Math.abs(p.y - h.y) < radius;
    if (kept.some((k) => close(k) || (h.score >= zone && k.spread.some(close)))) continue;
    const joined = h.score >= zone ? kept.find((k) => onRidge(map, k, h, Math.min(k.score, h.score) - RIDGE_DIP)) : undefined;
    if (joined) joined.spread.push({ x: h.x, y: h.y });
    else if (kept.length < keep) kept.push({ ...h, spread: [{ x: h.x, y: h.y }] });
  }
  return kept;
}

/**
 * Whether every position on the straight line from a to b scores at least `floor`, allowing the
 * ridge to run a pixel beside the line (at the coarse level a horizontal ridge may sit between rows).
 */
function onRidge(map: ScoreMap, a: { x: number; y: number }, b: { x: number; y: number }, floor: number): boolean {
  const n = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y));
  for (let i = 1; i < n; i++) {
    const x = Math.round(a.x + ((b.x - a.x) * i) / n);
    const y = Math.round(a.y + ((b.y - a.y) * i) / n);
    let s = -Infinity;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (x + dx >= 0 && y + dy >= 0 && x + dx < map.width && y + dy < map.height) s = Math.max(s, map.at(x + dx, y + dy) || -Infinity);
      }
    }
    if (!(s >= floor)) return false;
  }
  return true;
}

/** Full-resolution search within `radius` of each seed; the best hit per seed, best first, duplicates merged. */
function refine(image: GrayImage, ii: Integrals, t: Prepared, seeds: readonly { x: number; y: number }[], radius: number): TemplateHit[] {
  const maxX = image.width - t.width;
  const maxY = image.height - t.height;
  const best: TemplateHit[] = [];
  for (const seed of seeds) {
    const hits = scan(
      image,
      ii,
      t,
      Math.max(0, seed.x - radius),
      Math.max(0, seed.y - radius),
      Math.min(maxX, seed.x + radius),
      Math.min(maxY, seed.y + radius),
    );
    const top = hits.reduce<TemplateHit | undefined>((a, h) => (!a || h.score > a.score ? h : a), undefined);
    if (top && !best.some((b) => b.x === top.x && b.y === top.y)) best.push(top);
  }
  return best.sort((a, b) => b.score - a.score);
}
