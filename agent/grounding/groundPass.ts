import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { GroundCandidate, GroundMode, Region, SourceImage } from "./Grounder.js";
import { candidateToImage } from "./mapCandidate.js";
import { getProfile } from "../profiles/profileRegistry.js";
import { prepareGroundingFrame, type PreparedFrame } from "./prepareGroundingFrame.js";

/** One model pass over `region` of the image, its candidates mapped back to source-image pixels. */
export interface PassResult {
  readonly prepared: PreparedFrame;
  readonly raw: string;
  readonly best: GroundCandidate;
  readonly others: readonly GroundCandidate[];
  readonly modelMs: number;
}

/** Prepares the frame, asks the model in its profile's grounding format (Qwen2.5-VL's by default), parses, and maps frame → image. */
export async function groundPass(answerer: FrameAnswerer, image: SourceImage, query: string, mode: GroundMode, region?: Region, signal?: AbortSignal): Promise<PassResult> {
  const prepared = await prepareGroundingFrame(image, answerer.bounds, region);
  const profile = answerer.profile ?? getProfile();
  const coordinates = answerer.coordinates ?? profile.defaultCoordinates;
  const grammar = profile.grounding.grammar(prepared.frame, mode, coordinates);
  const { text, modelMs } = await answerer.answer({
    prepared, messages: profile.grounding.messages(query, mode), task: { query, mode }, ...(grammar ? { grammar } : {}), maxTokens: profile.grounding.maxTokens(mode), signal,
  });
  const parsed = profile.grounding.parse(text, prepared.frame, coordinates, query);
  const toImage = (c: GroundCandidate) => candidateToImage(c, prepared.frame, prepared.region);
  return { prepared, raw: text, best: toImage(parsed.best), others: parsed.others.map(toImage), modelMs };
}
