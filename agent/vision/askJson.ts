import type { PreparedFrame } from "../frames/PreparedFrame.js";
import { findJsonValues } from "../grammar/findJsonValues.js";
import type { VisionModel } from "./VisionModel.js";

/** One question whose answer is one JSON object: the prompt, the GBNF that shapes the object, and a token budget. */
export interface JsonQuestion {
  readonly prompt: string;
  readonly grammar: string;
  readonly maxTokens: number;
}

/**
 * Asks `model` one JSON question about a prepared frame: the prompt as the only user turn, the
 * grammar when `constrained` (the local engine; a remote answer is read all the same), and the
 * answer's first JSON object, or undefined when it holds none. The fields are the caller's to check.
 */
export async function askJson(
  model: VisionModel,
  frame: PreparedFrame,
  question: JsonQuestion,
  options: { readonly constrained: boolean; readonly signal?: AbortSignal | undefined },
): Promise<Readonly<Record<string, unknown>> | undefined> {
  const result = await model.generate({
    image: frame,
    messages: [{ role: "user", content: question.prompt }],
    maxTokens: question.maxTokens,
    ...(options.constrained ? { grammar: question.grammar } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return findJsonValues(result.text).find((v): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v));
}
