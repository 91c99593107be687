import type { VisionModel } from "../vision/VisionModel.js";
import { FrameMismatchError } from "../vision/errors/FrameMismatchError.js";
import { computerUseMessages } from "./computerUsePrompt.js";
import type { DecideRequest, Decider, Decision } from "./Decider.js";
import { toolCallGrammar } from "./toolCallGrammar.js";

export interface ModelDeciderOptions {
  /** Constrain generation with the tool-call grammar (local llama.cpp); remote answers are validated only. */
  readonly grammar: boolean;
  readonly maxTokens?: number;
  /** Whether the decider owns the model and disposes it with itself. */
  readonly ownsModel?: boolean;
}

/**
 * Decides with a VisionModel: Qwen2.5-VL's computer_use chat, the current screenshot (exactly
 * its model frame, so the engine does not resize it) and the text history.
 */
export class ModelDecider implements Decider {
  constructor(
    private readonly model: VisionModel,
    private readonly options: ModelDeciderOptions,
  ) {}

  async decide(request: DecideRequest): Promise<Decision> {
    const { frame, rgb } = request.screenshot;
    const result = await this.model.generate({
      image: rgb,
      messages: computerUseMessages(request.task, frame, request.history, request.omitted),
      ...(this.options.grammar ? { grammar: toolCallGrammar(frame) } : {}),
      maxTokens: this.options.maxTokens ?? 320,
      signal: request.signal,
      ...(request.onToken ? { onToken: request.onToken } : {}),
    });
    if (result.frame && (result.frame.width !== frame.width || result.frame.height !== frame.height)) {
      throw new FrameMismatchError(`the model saw ${result.frame.width}x${result.frame.height}, not the ${frame.width}x${frame.height} frame its prompt declared; use the same image-token bounds for the loop and the model`);
    }
    return {
      text: result.text,
      frame: result.frame ?? { width: frame.width, height: frame.height },
      modelMs: result.timings.totalMs - result.timings.prepareMs,
      promptTokens: result.promptTokens,
      generatedTokens: result.generatedTokens,
    };
  }

  async dispose(): Promise<void> {
    if (this.options.ownsModel) await this.model.dispose();
  }
}
