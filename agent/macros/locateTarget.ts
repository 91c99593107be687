import type { Capture } from "../capture/Capture.js";
import type { Point } from "../capture/Display.js";
import type { Grounder } from "../grounding/Grounder.js";
import { sourceFromCapture } from "../grounding/sourceImages.js";
import type { GrayImage } from "./GrayImage.js";
import { findTemplate } from "./findTemplate.js";
import type { MacroTarget } from "./MacroSchema.js";

/** Below this template confidence a match is not trusted: the grounder is asked, or the step fails. */
export const MIN_CONFIDENCE = 0.8;
/** Matches this close to the best are ties, settled by nearness to the recorded place. */
const TIE = 0.03;

/** Where a target was found, and how. */
export interface Located {
  /** Global logical px, ready for the input driver. */
  readonly point: Point;
  readonly method: "template" | "grounder" | "recorded";
  /** Template confidence 0…1 (the best one seen, even when the grounder decided). */
  readonly confidence?: number;
  readonly ms: number;
}

/** Why a target could not be found; `best` is the strongest template match seen, if any. */
export interface NotLocated {
  readonly reason: string;
  readonly best?: { readonly point: Point; readonly confidence: number };
}

export interface LocateOptions {
  readonly minConfidence?: number;
  readonly grounder?: Grounder;
  readonly signal?: AbortSignal;
}

/**
 * Finds a recorded target on `capture`: the crop by multi-scale template matching at native
 * resolution first; when that is weak, the description through the grounder.
 */
export async function locateTarget(target: MacroTarget, description: string, capture: Capture, gray: GrayImage, options: LocateOptions = {}): Promise<Located | NotLocated> {
  const started = performance.now();
  const d = capture.display;
  const toScreen = (p: { x: number; y: number }): Point => ({ x: d.x + p.x / d.scaleFactor, y: d.y + p.y / d.scaleFactor });
  const min = options.minConfidence ?? MIN_CONFIDENCE;
  let best: NotLocated["best"];
  if (target.crop) {
    const match = await findTemplate(gray, target.crop, { scale: d.scaleFactor / target.display.scaleFactor });
    if (match) {
      // The recorded place, relative to its display, moved onto this display: used to settle ties.
      const expected = { x: d.x + (target.point.x - target.display.x), y: d.y + (target.point.y - target.display.y) };
      const ties = [{ x: match.point.x, y: match.point.y, confidence: match.confidence }, ...match.alternatives]
        .filter((h) => h.confidence >= min && h.confidence >= match.confidence - TIE)
        .map((h) => ({ point: toScreen(h), confidence: h.confidence }));
      ties.sort((a, b) => distance(a.point, expected) - distance(b.point, expected));
      const chosen = ties[0];
      if (chosen) return { point: chosen.point, method: "template", confidence: chosen.confidence, ms: performance.now() - started };
      best = { point: toScreen(match.point), confidence: match.confidence };
    }
  }
  const templateReason = !target.crop
    ? "the step has no recorded crop"
    : best
      ? `the best template match (confidence ${best.confidence.toFixed(2)} at ${Math.round(best.point.x)},${Math.round(best.point.y)}) is below ${min}`
      : "the recorded crop matches nothing on the screen";
  if (!options.grounder || !description.trim()) {
    const why = !options.grounder ? "no grounding model is loaded" : "the target has no description to ground";
    return { reason: `${templateReason}, and ${why}`, ...(best ? { best } : {}) };
  }
  try {
    const grounded = await options.grounder.ground(sourceFromCapture(capture), description, { mode: "point", ...(options.signal ? { signal: options.signal } : {}) });
    const point = grounded.screen?.point ?? toScreen(grounded.point);
    return { point: { x: point.x, y: point.y }, method: "grounder", ...(best ? { confidence: best.confidence } : {}), ms: performance.now() - started };
  } catch (error) {
    options.signal?.throwIfAborted();
    return { reason: `${templateReason}, and grounding "${description}" failed: ${(error as Error).message}`, ...(best ? { best } : {}) };
  }
}

export function isLocated(r: Located | NotLocated): r is Located {
  return "point" in r;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
