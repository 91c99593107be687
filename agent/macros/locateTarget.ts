import type { Capture } from "../ports/Capture.js";
import type { Point, Rect } from "../geometry/Display.js";
import { toCapturePixel } from "../geometry/regionAround.js";
import { imageToScreen } from "../geometry/frameMapping.js";
import type { ImagePoint } from "../geometry/pixelSpace.js";
import type { Grounder } from "../grounding/Grounder.js";
import { sourceFromCapture } from "../frames/sourceImages.js";
import type { GrayImage } from "./GrayImage.js";
import { findTemplate } from "./findTemplate.js";
import type { MacroTarget } from "./MacroSchema.js";
import { AMBIGUITY_MARGIN, agree, byContext, byGeometry, type Rival, type Verdict } from "./chooseAmong.js";

/** Below this template confidence a match is not trusted: the grounder is asked, or the step fails. */
export const MIN_CONFIDENCE = 0.8;

/** Where a target was found, and how. */
export interface Located {
  /** Global logical px, ready for the input driver. */
  readonly point: Point;
  readonly method: "template" | "grounder" | "recorded";
  /** Template confidence 0…1 (the best one seen, even when the grounder decided). */
  readonly confidence?: number;
  /** How many places matched the crop equally, when more than one did. */
  readonly among?: number;
  /** What settled it, when several places matched equally. */
  readonly chosenBy?: string;
  readonly ms: number;
}

/** Why a target could not be found; `best` is the strongest template match seen, if any. */
export interface NotLocated {
  readonly reason: string;
  readonly best?: { readonly point: Point; readonly confidence: number };
  /** Set when several places matched equally and nothing could tell them apart. */
  readonly ambiguous?: { readonly places: readonly Rival[] };
}

export interface LocateOptions {
  readonly minConfidence?: number;
  readonly grounder?: Grounder;
  readonly signal?: AbortSignal;
  /** The previous step's target as recorded and as found this time (template-matched), for the offset between the two. */
  readonly previous?: { readonly recorded: Point; readonly found: Point };
  /** The window frame under a point now (global logical px), when the window list can be read. */
  readonly windowAt?: (p: Point) => Rect | undefined;
}

/**
 * Finds a recorded target on `capture`: the crop by multi-scale template matching at native
 * resolution first. When several places match it equally, the recorded surroundings and geometry
 * (offset from the previous step's target, place in its window) must agree on one, else the model
 * chooses by the description, else the target is not located (ambiguous): acting on an arbitrary
 * one of several equal matches would type into the wrong field with full confidence. When the
 * template is weak, the description is grounded.
 */
export async function locateTarget(
  target: MacroTarget,
  description: string,
  capture: Capture,
  gray: GrayImage,
  options: LocateOptions = {},
): Promise<Located | NotLocated> {
  const started = performance.now();
  const d = capture.display;
  const toScreen = (p: ImagePoint): Point => imageToScreen(p, d);
  const toNative = (p: Point): ImagePoint => toCapturePixel(p, d);
  const min = options.minConfidence ?? MIN_CONFIDENCE;
  const ms = () => performance.now() - started;
  let best: NotLocated["best"];
  let rivals: Rival[] = [];
  let notes: string[] = [];
  if (target.crop) {
    const scale = d.scaleFactor / target.display.scaleFactor;
    const match = await findTemplate(gray, target.crop, { scale });
    if (match) {
      best = { point: toScreen(match.point), confidence: match.confidence };
      if (match.confidence >= min) {
        rivals = [{ ...match.point, confidence: match.confidence, spread: match.spread }, ...match.alternatives]
          .filter((h) => h.confidence >= match.confidence - AMBIGUITY_MARGIN)
          .map((h) => ({ point: toScreen(h), confidence: h.confidence, spread: h.spread.map(toScreen) }));
        if (rivals.length === 1) return { point: rivals[0]!.point, method: "template", confidence: match.confidence, ms: ms() };
        const verdicts = await judge(rivals, target, { gray, scale, toNative, toScreen, display: d, options });
        notes = verdicts.map((v) => v.note);
        const chosen = agree(verdicts);
        if (chosen) {
          const by = verdicts
            .filter((v) => v.index !== undefined)
            .map((v) => v.note)
            .join("; ");
          return { point: chosen.point, method: "template", confidence: rivals[chosen.index]!.confidence, among: rivals.length, chosenBy: by, ms: ms() };
        }
      }
    }
  }
  const ambiguous = rivals.length > 1;
  const places = rivals.map((r) => `${Math.round(r.point.x)},${Math.round(r.point.y)}`).join("; ");
  const templateReason = !target.crop
    ? "the step has no recorded crop"
    : ambiguous
      ? `${rivals.length} places match the recorded target equally (at ${places}; confidence ${rivals[0]!.confidence.toFixed(2)}): ${notes.join(", ")}`
      : best
        ? `the best template match (confidence ${best.confidence.toFixed(2)} at ${Math.round(best.point.x)},${Math.round(best.point.y)}) is below ${min}`
        : "the recorded crop matches nothing on the screen";
  const extra = { ...(best ? { best } : {}), ...(ambiguous ? { ambiguous: { places: rivals } } : {}) };
  if (!options.grounder || !description.trim()) {
    const why = !options.grounder ? "no grounding model is loaded" : "the target has no description to ground";
    return { reason: `${templateReason}, and ${why}`, ...extra };
  }
  try {
    const grounded = await options.grounder.ground(sourceFromCapture(capture), description, {
      mode: "point",
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const point = grounded.screen?.point ?? toScreen(grounded.point);
    if (!ambiguous) return { point: { x: point.x, y: point.y }, method: "grounder", ...(best ? { confidence: best.confidence } : {}), ms: ms() };
    // The model only chooses among the places that match: one whose matched area holds its point.
    const crop = target.crop!;
    const s = target.display.scaleFactor;
    const inside = rivals
      .map((r, i) => ({ r, i }))
      .filter(({ r }) =>
        r.spread.some(
          (p) =>
            point.x >= p.x - crop.anchor.x / s &&
            point.x < p.x + (crop.width - crop.anchor.x) / s &&
            point.y >= p.y - crop.anchor.y / s &&
            point.y < p.y + (crop.height - crop.anchor.y) / s,
        ),
      );
    if (inside.length === 1) {
      const { r } = inside[0]!;
      const at = r.spread.reduce((a, p) => (Math.hypot(p.x - point.x, p.y - point.y) < Math.hypot(a.x - point.x, a.y - point.y) ? p : a), r.point);
      return {
        point: at,
        method: "grounder",
        confidence: r.confidence,
        among: rivals.length,
        chosenBy: `the model pointed into one of them for "${description}"`,
        ms: ms(),
      };
    }
    return {
      reason: `${templateReason}, and the model, asked for "${description}", pointed at ${Math.round(point.x)},${Math.round(point.y)}, which is ${inside.length === 0 ? "none" : "more than one"} of them`,
      ...extra,
    };
  } catch (error) {
    options.signal?.throwIfAborted();
    return { reason: `${templateReason}, and grounding "${description}" failed: ${(error as Error).message}`, ...extra };
  }
}

/** The evidence about several equal places: the recorded surroundings, the previous step's offset, the place in the window (or display). */
async function judge(
  rivals: readonly Rival[],
  target: MacroTarget,
  c: {
    gray: GrayImage;
    scale: number;
    toNative: (p: Point) => ImagePoint;
    toScreen: (p: ImagePoint) => Point;
    display: Capture["display"];
    options: LocateOptions;
  },
): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  const p = target.point;
  if (target.context && target.crop)
    verdicts.push(await byContext(rivals, target.context, target.crop, c.gray, c.scale, c.toNative, c.toScreen, c.display.scaleFactor));
  const prev = c.options.previous;
  if (prev) {
    const expected = { x: prev.found.x + p.x - prev.recorded.x, y: prev.found.y + p.y - prev.recorded.y };
    verdicts.push(byGeometry(rivals, () => expected, "the offset from the previous step's target"));
  }
  const win = target.window;
  const windowAt = c.options.windowAt;
  if (win && windowAt) {
    verdicts.push(
      byGeometry(
        rivals,
        (r) => {
          const w = windowAt(r.point);
          return w ? { x: w.x + p.x - win.x, y: w.y + p.y - win.y } : undefined;
        },
        "its place in its window",
      ),
    );
  } else {
    const d = c.display;
    const expected = { x: d.x + p.x - target.display.x, y: d.y + p.y - target.display.y };
    verdicts.push(byGeometry(rivals, () => expected, "its place on the display"));
  }
  return verdicts;
}

export function isLocated(r: Located | NotLocated): r is Located {
  return "point" in r;
}
