import sharp from "sharp";
import type { GrayImage } from "./GrayImage.js";
import { toGray } from "./GrayImage.js";
import { matchTemplate } from "./matchTemplate.js";
import { coreScore } from "./coreScore.js";
import type { MacroCrop } from "./MacroSchema.js";

/** One place the crop fits, native px of the searched image. */
export interface TemplatePlace {
  /** Where the recorded point (the crop's anchor) lies at this place. */
  readonly x: number;
  readonly y: number;
  readonly confidence: number;
  /**
   * Every anchor point of this place that fits as well (coarse precision; the place's own point
   * among them): one point for a button, a line of them along a blank field wider than the crop.
   */
  readonly spread: readonly { readonly x: number; readonly y: number }[];
}

/** Where a recorded crop was found on a screen image, in that image's native pixels. */
export interface TemplateMatch {
  /** The recorded point (the crop's anchor) as found, native px of the searched image. */
  readonly point: { readonly x: number; readonly y: number };
  /** The matched area, native px. */
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** 0…1 (negative correlation counts as 0). */
  readonly confidence: number;
  /** Template scale that matched (image px per recorded crop px). */
  readonly scale: number;
  /** How far the best place extends (see TemplatePlace.spread). */
  readonly spread: TemplatePlace["spread"];
  /** Other places that fit, best first (possible duplicates of the element). */
  readonly alternatives: readonly TemplatePlace[];
}

export interface FindOptions {
  /** Image px per crop px expected from the scale factors (current / recorded). Default 1. */
  readonly scale?: number;
  /** Relative scales tried around `scale`, in order; the search stops early on a near-perfect fit. */
  readonly steps?: readonly number[];
}

/** A fit this good at a scale ends the search over scales. */
const EARLY_ACCEPT = 0.85;

/** Decodes a crop's PNG at `scale` into grey levels. */
export async function cropGray(crop: MacroCrop, scale: number): Promise<GrayImage> {
  let pipeline = sharp(Buffer.from(crop.png, "base64")).removeAlpha();
  if (Math.abs(scale - 1) > 1e-3) {
    pipeline = pipeline.resize(Math.max(3, Math.round(crop.width * scale)), Math.max(3, Math.round(crop.height * scale)), {
      fit: "fill",
      kernel: scale < 1 ? "lanczos3" : "cubic",
    });
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return toGray(data, info.width, info.height, info.channels as 3 | 4);
}

/**
 * Searches `screen` for the recorded crop at the expected scale and small variations of it
 * (multi-scale normalised cross-correlation at native resolution). Undefined when nothing fits.
 */
export async function findTemplate(screen: GrayImage, crop: MacroCrop, options: FindOptions = {}): Promise<TemplateMatch | undefined> {
  const base = options.scale ?? 1;
  let best: TemplateMatch | undefined;
  for (const step of options.steps ?? [1, 0.9, 1.1]) {
    const scale = base * step;
    const template = await cropGray(crop, scale);
    // Rank by the weaker of two correlations: the whole crop (shape, context) and its middle (the label) must both fit.
    const hits = matchTemplate(screen, template)
      .map((h) => {
        const anchor = { x: crop.anchor.x * (template.width / crop.width), y: crop.anchor.y * (template.height / crop.height) };
        return { ...h, score: Math.min(h.score, coreScore(screen, template, h.x, h.y, anchor)) };
      })
      .sort((a, b) => b.score - a.score);
    const top = hits[0];
    if (!top) continue;
    const sx = template.width / crop.width;
    const sy = template.height / crop.height;
    const anchor = (p: { x: number; y: number }) => ({ x: p.x + crop.anchor.x * sx, y: p.y + crop.anchor.y * sy });
    const spread = (h: (typeof hits)[number]) => (h.spread ?? [h]).map(anchor);
    const match: TemplateMatch = {
      point: anchor(top),
      box: { x: top.x, y: top.y, width: template.width, height: template.height },
      confidence: Math.max(0, top.score),
      scale,
      spread: spread(top),
      alternatives: hits.slice(1).map((h) => ({ ...anchor(h), confidence: Math.max(0, h.score), spread: spread(h) })),
    };
    if (!best || match.confidence > best.confidence) best = match;
    // The expected scale comes from the scale factors, so a good fit there is trusted without trying the others.
    if (best.confidence >= EARLY_ACCEPT) break;
  }
  return best;
}
