import sharp from "sharp";
import type { FrameAnswerer } from "../../grounding/FrameAnswerer.js";
import { askAboutImage } from "../../grounding/askAboutImage.js";
import { MACRO_LIMITS } from "../MacroSchema.js";
import type { Describe } from "./buildMacro.js";

const QUESTION =
  "The user clicked the UI element at the centre of this image. Name it in a few words the way a person would point it out, " +
  'for example: the Save button, the Email field, the Settings tab. Answer with the name only.';

/** Half the area shown to the model around a press, logical px: the element and enough context to name it. */
const HALF = { x: 160, y: 100 };

/**
 * Describes a recorded target with the vision model: the area around the press is shown and the
 * model names the element. The name is what replay grounds when the crop no longer matches.
 */
export function describeWithModel(answerer: FrameAnswerer, signal?: AbortSignal): Describe {
  return async (capture, point) => {
    const d = capture.display;
    const s = d.scaleFactor;
    const left = Math.max(0, Math.round((point.x - d.x - HALF.x) * s));
    const top = Math.max(0, Math.round((point.y - d.y - HALF.y) * s));
    const width = Math.min(capture.width - left, Math.round(HALF.x * 2 * s));
    const height = Math.min(capture.height - top, Math.round(HALF.y * 2 * s));
    const data = await sharp(capture.data, { raw: { width: capture.width, height: capture.height, channels: 4 } }).extract({ left, top, width, height }).raw().toBuffer();
    const result = await askAboutImage(answerer, { data, width, height, channels: 4 }, QUESTION, { maxTokens: 24, ...(signal ? { signal } : {}) });
    return cleanName(result.text);
  };
}

/** The first line of an answer, without quotes, code fences or a trailing full stop. */
export function cleanName(text: string): string {
  const line = text.replace(/```\w*/g, "").split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "";
  return line.replace(/^["'“”‘’`]+|["'“”‘’`.]+$/g, "").trim().slice(0, MACRO_LIMITS.description);
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
