import type { FrameAnswerer } from "../../grounding/FrameAnswerer.js";
import { askAboutImage } from "../../grounding/askAboutImage.js";
import { MACRO_LIMITS } from "../MacroSchema.js";
import { FRAME_FACTOR } from "../../geometry/smartResize.js";
import { regionClipped, toCapturePixel } from "../../geometry/regionAround.js";
import type { Describe } from "./buildMacro.js";

const QUESTION =
  "The user clicked the UI element at the centre of this image. Name it in a few words the way a person would point it out, " +
  "for example: the Save button, the Email field, the Settings tab. Answer with the name only.";

/** Half the area shown to the model around a press, logical px: the element and enough context to name it. */
const HALF = { x: 160, y: 100 };

/**
 * Describes a recorded target with the vision model: the area around the press is shown and the
 * model names the element. The name is what replay grounds when the crop no longer matches.
 */
export function describeWithModel(answerer: FrameAnswerer, signal?: AbortSignal): Describe {
  return async (capture, point) => {
    const s = capture.display.scaleFactor;
    const region = regionClipped(toCapturePixel(point, capture.display), { x: HALF.x * s, y: HALF.y * s }, capture);
    // The capture's pixels as they are (no display: the name needs no screen place); the frame is cut from them.
    const image = { data: capture.data, width: capture.width, height: capture.height, channels: 4 as const };
    const result = await askAboutImage(atNativeSize(answerer, region.width, region.height), image, QUESTION, {
      region,
      maxTokens: 24,
      ...(signal ? { signal } : {}),
    });
    return cleanName(result.text);
  };
}

/**
 * The answerer framing this small area at about its own size: the grounding minimum (≈1024 image
 * tokens) would stretch 320×200 px up to ≈1150×730, which on a CPU, where the engine's maximum is
 * that same 1024, rounds past the maximum and is refused. Naming needs no more pixels than there are.
 */
function atNativeSize(answerer: FrameAnswerer, width: number, height: number): FrameAnswerer {
  const factor = answerer.bounds.factor ?? FRAME_FACTOR;
  const own = Math.max(4, Math.floor((width * height) / (factor * factor)));
  if (own >= answerer.bounds.minImageTokens) return answerer;
  return {
    bounds: { ...answerer.bounds, minImageTokens: own },
    constrained: answerer.constrained,
    ...(answerer.profile ? { profile: answerer.profile } : {}),
    ...(answerer.coordinates ? { coordinates: answerer.coordinates } : {}),
    answer: (request) => answerer.answer(request),
    dispose: () => answerer.dispose(),
  };
}

/** The first line of an answer, without quotes, code fences or a trailing full stop. */
export function cleanName(text: string): string {
  const line =
    text
      .replace(/```\w*/g, "")
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? "";
  return line
    .replace(/^["'“”‘’`]+|["'“”‘’`.]+$/g, "")
    .trim()
    .slice(0, MACRO_LIMITS.description);
}

/**
 * Names targets with the model only while one is loaded (`loaded()`, e.g. the app's grounding
 * answerer): recording or saving a run never waits minutes for a model to load.
 */
export function describerWhenLoaded(loaded: () => FrameAnswerer | undefined): () => Describe | undefined {
  return () => {
    const answerer = loaded();
    return answerer ? describeWithModel(answerer) : undefined;
  };
}

/**
 * Names recorded targets with the app's selected model, loading it if it is not loaded yet: the
 * load starts when the recording does (`borrow` warms it up) and runs beside it, so presses are
 * never held up; each description waits for the model. When no model is selected or it fails to
 * load, descriptions are skipped at once (the crops are kept) instead of retrying on every press.
 */
export function describerLoading(borrow: () => Promise<FrameAnswerer>): () => Describe {
  return () => {
    const ready = borrow().then(
      async (a) => (await a.dispose(), true),
      () => false,
    );
    return async (capture, point) => {
      if (!(await ready)) throw new Error("no model could be loaded to name the target");
      const answerer = await borrow();
      try {
        return await describeWithModel(answerer)(capture, point);
      } finally {
        await answerer.dispose();
      }
    };
  };
}
