import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { SourceImage } from "../frames/SourceImage.js";
import type { GroundCandidate, GroundMode } from "../profiles/GroundCandidate.js";
import type { Region } from "../geometry/shapes.js";
import type { GroundingPromptKind } from "./GroundingPromptKind.js";
import { candidateToImage } from "./mapCandidate.js";
import { getProfile } from "../profiles/profileRegistry.js";
import { answerFrame, candidateToFrame } from "../profiles/coordinateSpace.js";
import { prepareFrame } from "../frames/prepareFrame.js";
import type { PreparedFrame } from "../frames/PreparedFrame.js";
import { parseToolCallGroundingAnswer, toolCallGroundingGrammar, toolCallGroundingMessages } from "./toolCallGroundingPrompt.js";

/** One model pass over `region` of the image, its candidates mapped back to source-image pixels. */
export interface PassResult {
  readonly prepared: PreparedFrame;
  readonly raw: string;
  /** In source-image pixels. */
  readonly best: GroundCandidate<"image">;
  readonly others: readonly GroundCandidate<"image">[];
  readonly modelMs: number;
}

/**
 * Prepares the frame, asks the model in its profile's grounding format (Qwen2.5-VL's by default),
 * parses, and maps frame → image. A Qwen2.5-VL model may instead be asked in the ScreenSpot
 * evaluator's tool-call format (`prompt`); a box is always asked in the profile's own format,
 * since the tool call names a point only.
 */
export async function groundPass(
  answerer: FrameAnswerer,
  image: SourceImage,
  query: string,
  mode: GroundMode,
  region?: Region,
  signal?: AbortSignal,
  prompt: GroundingPromptKind = "json",
): Promise<PassResult> {
  const prepared = await prepareFrame(image, answerer.bounds, region);
  const profile = answerer.profile ?? getProfile();
  const coordinates = answerer.coordinates ?? profile.defaultCoordinates;
  const toolCall = prompt === "tool-call" && mode === "point" && profile.id === "qwen2.5-vl";
  const space = answerFrame(prepared.frame, coordinates);
  const grammar = toolCall ? toolCallGroundingGrammar(space) : profile.grounding.grammar(prepared.frame, mode, coordinates);
  const { text, modelMs } = await answerer.answer({
    prepared,
    messages: toolCall ? toolCallGroundingMessages(query, space) : profile.grounding.messages(query, mode),
    task: { query, mode, prompt: toolCall ? "tool-call" : "json" },
    ...(grammar ? { grammar } : {}),
    maxTokens: toolCall ? 96 : profile.grounding.maxTokens(mode),
    signal,
  });
  const parsed = toolCall
    ? inFrameCandidates(parseToolCallGroundingAnswer(text, space, query), prepared.frame, coordinates)
    : profile.grounding.parse(text, prepared.frame, coordinates, query);
  const toImage = (c: GroundCandidate) => candidateToImage(c, prepared.frame, prepared.region);
  return { prepared, raw: text, best: toImage(parsed.best), others: parsed.others.map(toImage), modelMs };
}

/** A tool-call answer's candidates, read in the model's coordinate space, as frame pixels. */
function inFrameCandidates(
  parsed: { best: GroundCandidate; others: readonly GroundCandidate[] },
  frame: PreparedFrame["frame"],
  coordinates: Parameters<typeof candidateToFrame>[2],
) {
  return { best: candidateToFrame(parsed.best, frame, coordinates), others: parsed.others.map((c) => candidateToFrame(c, frame, coordinates)) };
}
