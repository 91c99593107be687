import type { Frame } from "../geometry/smartResize.js";
import { askMessages } from "./askPrompt.js";
import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { SourceImage } from "../frames/SourceImage.js";
import type { GroundCandidate } from "../profiles/GroundCandidate.js";
import type { Box, Region } from "../geometry/shapes.js";
import type { LogicalPoint } from "../geometry/pixelSpace.js";
import { candidateToImage, candidateToScreen } from "./mapCandidate.js";
import { candidateFits, candidateToFrame } from "../profiles/coordinateSpace.js";
import { getProfile } from "../profiles/profileRegistry.js";
import { prepareFrame } from "../frames/prepareFrame.js";

/** An element the answer referred to: source-image pixels, and the screen when the image came from a display. */
export interface AskElement extends GroundCandidate<"image"> {
  readonly screen?: { readonly point: LogicalPoint; readonly box?: Box };
}

export interface AskResult {
  /** The whole answer, as the model wrote it. */
  readonly text: string;
  /** Elements it named inside the frame (others are dropped: they cannot be placed). */
  readonly elements: readonly AskElement[];
  readonly image: { readonly width: number; readonly height: number };
  readonly frame: Frame;
  readonly timings: { readonly prepareMs: number; readonly modelMs: number; readonly totalMs: number };
}

export interface AskOptions {
  /** The part of the image asked about, in its pixels (default: all); elements still come back in the whole image's pixels. */
  readonly region?: Region;
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
  /** Each piece of the answer as it is generated. */
  readonly onToken?: (text: string) => void;
}

/** Answers a question about an image without acting, streaming the answer; boxes it names are mapped like grounding's. */
export async function askAboutImage(answerer: FrameAnswerer, image: SourceImage, question: string, options: AskOptions = {}): Promise<AskResult> {
  const started = performance.now();
  const prepared = await prepareFrame(image, answerer.bounds, options.region);
  const { text, modelMs } = await answerer.answer({
    prepared,
    messages: askMessages(question),
    maxTokens: options.maxTokens ?? 512,
    signal: options.signal,
    onToken: options.onToken,
  });
  const display = image.display;
  // The numbers count in the model's coordinate space; those that cannot be right there are dropped.
  const profile = answerer.profile ?? getProfile();
  const space = answerer.coordinates ?? profile.defaultCoordinates;
  const elements = profile.grounding
    .candidates(text)
    .filter((c) => candidateFits(c, prepared.frame, space))
    .map((c) => candidateToImage(candidateToFrame(c, prepared.frame, space), prepared.frame, prepared.region))
    .map((c) => (display ? { ...c, screen: candidateToScreen(c, display) } : c));
  return {
    text,
    elements,
    image: { width: image.width, height: image.height },
    frame: prepared.frame,
    timings: { prepareMs: prepared.ms, modelMs, totalMs: performance.now() - started },
  };
}
