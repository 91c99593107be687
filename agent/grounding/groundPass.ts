import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { GroundCandidate, GroundMode, Region, SourceImage } from "./Grounder.js";
import { groundingGrammar } from "./groundingGrammar.js";
import { groundingMessages } from "./groundingPrompt.js";
import type { GroundingPromptKind } from "./GroundingPromptKind.js";
import { candidateToImage } from "./mapCandidate.js";
import { parseGroundingAnswer } from "./parseGroundingAnswer.js";
import { prepareGroundingFrame, type PreparedFrame } from "./prepareGroundingFrame.js";
import { parseToolCallGroundingAnswer, toolCallGroundingGrammar, toolCallGroundingMessages } from "./toolCallGroundingPrompt.js";

/** One model pass over `region` of the image, its candidates mapped back to source-image pixels. */
export interface PassResult {
  readonly prepared: PreparedFrame;
  readonly raw: string;
  readonly best: GroundCandidate;
  readonly others: readonly GroundCandidate[];
  readonly modelMs: number;
}

/**
 * Prepares the frame, asks the model in the chosen prompt's format, parses, and maps frame →
 * image. A box is always asked in the JSON format: the tool call names a point only.
 */
export async function groundPass(
  answerer: FrameAnswerer, image: SourceImage, query: string, mode: GroundMode, region?: Region, signal?: AbortSignal, prompt: GroundingPromptKind = "json",
): Promise<PassResult> {
  const prepared = await prepareGroundingFrame(image, answerer.bounds, region);
  const toolCall = prompt === "tool-call" && mode === "point";
  const { text, modelMs } = await answerer.answer({
    prepared,
    messages: toolCall ? toolCallGroundingMessages(query, prepared.frame) : groundingMessages(query, mode),
    task: { query, mode, prompt: toolCall ? "tool-call" : "json" },
    grammar: toolCall ? toolCallGroundingGrammar(prepared.frame) : groundingGrammar(prepared.frame, mode),
    maxTokens: toolCall ? 96 : mode === "box" ? 96 : 80,
    signal,
  });
  const parsed = toolCall ? parseToolCallGroundingAnswer(text, prepared.frame, query) : parseGroundingAnswer(text, prepared.frame, query);
  const toImage = (c: GroundCandidate) => candidateToImage(c, prepared.frame, prepared.region);
  return { prepared, raw: text, best: toImage(parsed.best), others: parsed.others.map(toImage), modelMs };
}
