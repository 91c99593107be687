import type { Point } from "../geometry/Display.js";
import type { ImagePoint } from "../geometry/pixelSpace.js";
import type { GrayImage } from "./GrayImage.js";
import { cropGray } from "./findTemplate.js";
import type { MacroCrop } from "./MacroSchema.js";
import { nccAt } from "./nccAt.js";

/**
 * Template confidences this close to the best are a tie: several places match "equally". Two
 * renderings of the same widget on a lossless capture score within ~0.01 of each other (sub-pixel
 * text and anti-aliasing); a different label or state in the crop's middle costs ≥ 0.1 (coreScore).
 * 0.05 sits between them, so identical elements tie and merely similar ones do not.
 */
export const AMBIGUITY_MARGIN = 0.05;
/**
 * How far (logical px) a place may lie from where the recorded geometry puts it and still be
 * "consistent" with it. A layout shift moves a window's content together, leaving the offsets
 * between elements as recorded to a pixel or two; 12 px allows for a reflow's rounding while
 * staying under half the spacing of any two form fields (≥ 30 px), so two fields can never both be.
 */
export const CONSISTENT_PX = 12;
/** Least context correlation that counts as the recorded surroundings at all. */
const CONTEXT_MIN = 0.5;

/** One of several equally good places for a target, global logical px. */
export interface Rival {
  readonly point: Point;
  readonly confidence: number;
  /** The place's equally good points (along a blank field wider than the crop), its own point among them. */
  readonly spread: readonly Point[];
}

/** What one kind of evidence says about the rivals: which one (and where in it), or nothing. */
export interface Verdict {
  readonly index?: number;
  readonly point?: Point;
  readonly note: string;
}

/**
 * Geometry: the one rival within CONSISTENT_PX of where `expected` says the target should be (per
 * rival, e.g. from the window it lies in). None, or more than one, decides nothing.
 */
export function byGeometry(rivals: readonly Rival[], expected: (r: Rival) => Point | undefined, what: string): Verdict {
  const fits: { index: number; point: Point }[] = [];
  rivals.forEach((r, index) => {
    const e = expected(r);
    if (!e) return;
    const nearest = r.spread.reduce((a, p) => (distance(p, e) < distance(a, e) ? p : a), r.point);
    if (distance(nearest, e) <= CONSISTENT_PX) fits.push({ index, point: nearest });
  });
  if (fits.length === 1) return { ...fits[0]!, note: `only one lies where ${what} puts it` };
  return { note: fits.length === 0 ? `none lies where ${what} puts it` : `${fits.length} lie where ${what} puts it` };
}

/** How fast the surroundings' weight falls off with distance from the element (logical px): its own label counts most. */
const CONTEXT_FALLOFF = 24;

/**
 * Surroundings: the recorded wider picture (`context`, with the target's label and neighbours)
 * compared at each rival; the rival it fits clearly best (by AMBIGUITY_MARGIN) wins. Each pixel
 * counts less the further it lies from the element (the rival's ridge of equal fits widened by
 * the crop's middle): a field's own label, right beside it, outweighs a heading two rows up,
 * which a field inserted above would otherwise inherit.
 */
export async function byContext(
  rivals: readonly Rival[],
  context: MacroCrop,
  crop: MacroCrop,
  screen: GrayImage,
  scale: number,
  toNative: (p: Point) => ImagePoint,
  toScreen: (p: ImagePoint) => Point,
  nativePerLogical: number,
): Promise<Verdict> {
  const template = await cropGray(context, scale);
  const ax = context.anchor.x * (template.width / context.width);
  const ay = context.anchor.y * (template.height / context.height);
  const at = (p: ImagePoint, w?: Float32Array) => nccAt(screen, template, Math.round(p.x - ax), Math.round(p.y - ay), w);
  const scored = rivals.map((r) => {
    // The best of the place's points, then a few pixels around it (spread points are coarse).
    let best = { p: toNative(r.point), s: -1 };
    for (const q of r.spread.map(toNative)) {
      const s = at(q);
      if (s > best.s) best = { p: q, s };
    }
    const reach = Math.ceil(2 * scale);
    const around = best.p;
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) {
        const q = { x: around.x + dx, y: around.y + dy };
        const s = at(q);
        if (s > best.s) best = { p: q, s };
      }
    }
    // The element, in the context picture's pixels at that alignment.
    const spread = r.spread.map(toNative);
    const half = { x: (crop.width * scale) / 4, y: (crop.height * scale) / 4 };
    const box = {
      left: Math.min(...spread.map((q) => q.x)) - best.p.x + ax - half.x,
      right: Math.max(...spread.map((q) => q.x)) - best.p.x + ax + half.x,
      top: Math.min(...spread.map((q) => q.y)) - best.p.y + ay - half.y,
      bottom: Math.max(...spread.map((q) => q.y)) - best.p.y + ay + half.y,
    };
    return { p: best.p, s: at(best.p, falloff(template.width, template.height, box, CONTEXT_FALLOFF * nativePerLogical)) };
  });
  const order = scored.map((s, i) => ({ ...s, i })).sort((a, b) => b.s - a.s);
  const [first, second] = order;
  const scores = scored.map((s) => s.s.toFixed(2)).join(", ");
  if (first && second && first.s >= CONTEXT_MIN && first.s - second.s >= AMBIGUITY_MARGIN) {
    return { index: first.i, point: toScreen(first.p), note: `the recorded surroundings fit one clearly best (${scores})` };
  }
  return { note: `the recorded surroundings fit them alike (${scores})` };
}

/** Weights exp(−d²/2σ²) by each pixel's distance d from `box`. */
function falloff(width: number, height: number, box: { left: number; right: number; top: number; bottom: number }, sigma: number): Float32Array {
  const w = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const dy = Math.max(0, box.top - y, y - box.bottom);
    for (let x = 0; x < width; x++) {
      const dx = Math.max(0, box.left - x, x - box.right);
      w[y * width + x] = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
    }
  }
  return w;
}

/**
 * Combines verdicts: every one that names a rival must name the same one, and at least one must.
 * The first naming verdict's point is used (where in a wide place the target was).
 */
export function agree(verdicts: readonly Verdict[]): { index: number; point: Point } | undefined {
  const named = verdicts.filter((v) => v.index !== undefined);
  if (named.length === 0 || named.some((v) => v.index !== named[0]!.index)) return undefined;
  return { index: named[0]!.index!, point: named[0]!.point! };
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
