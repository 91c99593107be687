import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { GroundCandidate, GroundMode, Region, SourceImage } from "./Grounder.js";
import { groundingGrammar } from "./groundingGrammar.js";
import { groundingMessages } from "./groundingPrompt.js";
import { candidateToImage } from "./mapCandidate.js";
import { parseGroundingAnswer } from "./parseGroundingAnswer.js";
import { prepareGroundingFrame, type PreparedFrame } from "./prepareGroundingFrame.js";

/** One model pass over `region` of the image, its candidates mapped back to source-image pixels. */
export interface PassResult {
  readonly prepared: PreparedFrame;
  readonly raw: string;
  readonly best: GroundCandidate;
  readonly others: readonly GroundCandidate[];
  readonly modelMs: number;
}

/** Prepares the frame, asks the model in Qwen2.5-VL's grounding format, parses, and maps frame → image. */
export async function groundPass(answerer: FrameAnswerer, image: SourceImage, query: string, mode: GroundMode, region?: Region, signal?: AbortSignal): Promise<PassResult> {
  const prepared = await prepareGroundingFrame(image, answerer.bounds, region);
  const { text, modelMs } = await answerer.answer({
    prepared, messages: groundingMessages(query, mode), task: { query, mode }, grammar: groundingGrammar(prepared.frame, mode), maxTokens: mode === "box" ? 112 : 96, signal,
  });
  const parsed = parseGroundingAnswer(text, prepared.frame, query);
  const toImage = (c: GroundCandidate) => candidateToImage(c, prepared.frame, prepared.region);
  return { prepared, raw: text, best: toImage(parsed.best), others: parsed.others.map(toImage), modelMs };
}
