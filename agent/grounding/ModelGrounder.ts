import { GroundingAnswerError } from "../profiles/errors/GroundingAnswerError.js";
import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { GroundOptions, GroundResult, Grounder, ZoomInfo } from "./Grounder.js";
import type { SourceImage } from "../frames/SourceImage.js";
import { candidateToScreen } from "./mapCandidate.js";
import { groundPass, type PassResult } from "./groundPass.js";
import { DEFAULT_GROUNDING_PROMPT, type GroundingPromptKind } from "./GroundingPromptKind.js";
import { zoomCrop, zoomWorthIt } from "./zoomCrop.js";

/**
 * The Grounder over any FrameAnswerer: one pass on the whole image, then (zoom) a second on a
 * native-resolution crop around the hit, mapped through both frames. A second pass that names
 * nothing usable keeps the first pass's answer, so zooming is never worse than not.
 */
export class ModelGrounder implements Grounder {
  constructor(
    private readonly answerer: FrameAnswerer,
    /** The prompt when a request names none (the `grounding.prompt` setting). */
    private readonly prompt: GroundingPromptKind = DEFAULT_GROUNDING_PROMPT,
  ) {}

  async ground(image: SourceImage, query: string, options: GroundOptions = {}): Promise<GroundResult> {
    const started = performance.now();
    const mode = options.mode ?? "point";
    const prompt = options.prompt ?? this.prompt;
    const coarse = await groundPass(this.answerer, image, query, mode, undefined, options.signal, prompt);
    const passes: PassResult[] = [coarse];
    const wantZoom = options.zoom === true || ((options.zoom ?? "auto") === "auto" && zoomWorthIt(image, coarse.prepared.frame));
    let final = coarse;
    let zoom: ZoomInfo | undefined;
    if (wantZoom) {
      const crop = zoomCrop(image, coarse.prepared.frame, coarse.best.point, this.answerer.bounds.factor);
      if (crop.width < image.width || crop.height < image.height) {
        try {
          final = await groundPass(this.answerer, image, query, mode, crop, options.signal, prompt);
          passes.push(final);
          zoom = { crop, coarse: { point: coarse.best.point, frame: coarse.prepared.frame, raw: coarse.raw } };
        } catch (error) {
          if (!(error instanceof GroundingAnswerError)) throw error;
        }
      }
    }
    const { best, others, prepared, raw } = final;
    const display = image.display;
    const screen = display ? candidateToScreen(best, display) : undefined;
    return {
      ...best,
      image: { width: image.width, height: image.height },
      frame: prepared.frame,
      raw,
      alternatives: others,
      ...(screen ? { screen } : {}),
      ...(zoom ? { zoom } : {}),
      timings: {
        prepareMs: passes.reduce((s, p) => s + p.prepared.ms, 0),
        modelMs: passes.reduce((s, p) => s + p.modelMs, 0),
        totalMs: performance.now() - started,
        passes: passes.length,
      },
    };
  }

  dispose(): Promise<void> {
    return this.answerer.dispose();
  }
}
