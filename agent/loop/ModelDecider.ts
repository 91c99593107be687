import type { GenerateRequest, GenerateResult, VisionModel } from "../vision/VisionModel.js";
import { EngineError } from "../vision/errors/EngineError.js";
import { FrameMismatchError } from "../vision/errors/FrameMismatchError.js";
import { computerUseMessages } from "./computerUsePrompt.js";
import type { DecideRequest, Decider, Decision } from "./Decider.js";
import { StepConversation } from "./StepConversation.js";
import { toolCallGrammar, type ToolCallKind } from "./toolCallGrammar.js";

export interface ModelDeciderOptions {
  /** Constrain generation with the tool-call grammar (local llama.cpp); remote answers are validated only. */
  readonly grammar: boolean;
  readonly maxTokens?: number;
  /** Narrows the grammar to these kinds of action (benchmarks: clicks only, so answers are alike in length). */
  readonly kinds?: readonly ToolCallKind[];
  /** Reuse the engine's kept context between steps (default true); false re-reads the whole chat each step (benchmark reference). */
  readonly keepContext?: boolean;
  /** Whether the decider owns the model and disposes it with itself. */
  readonly ownsModel?: boolean;
}

/**
 * Decides with a VisionModel in Qwen2.5-VL's computer_use chat. With an engine that keeps its
 * context (the local engine), the run is one growing conversation (StepConversation): each step
 * sends the new screenshot and the last result, the engine encodes only those, and the last few
 * screenshots stay in view. Other models (remote endpoints) get the current screenshot (exactly
 * its model frame, so nothing is resized again) and the text history each step.
 */
export class ModelDecider implements Decider {
  private conversation: StepConversation | undefined;

  constructor(
    private readonly model: VisionModel,
    private readonly options: ModelDeciderOptions,
  ) {}

  async decide(request: DecideRequest): Promise<Decision> {
    const { frame } = request.screenshot;
    const common = {
      ...(this.options.grammar ? { grammar: toolCallGrammar(frame, undefined, this.options.kinds) } : {}),
      maxTokens: this.options.maxTokens ?? 320,
      signal: request.signal,
      ...(request.onToken ? { onToken: request.onToken } : {}),
    };
    const result = this.model.contextSize
      ? await this.converse(request, common, this.model.contextSize)
      : await this.model.generate({ image: request.screenshot, messages: computerUseMessages(request.task, frame, request.history, request.omitted), ...common });
    if (result.frame && (result.frame.width !== frame.width || result.frame.height !== frame.height)) {
      throw new FrameMismatchError(`the model saw ${result.frame.width}x${result.frame.height}, not the ${frame.width}x${frame.height} frame its prompt declared; use the same image-token bounds for the loop and the model`);
    }
    return {
      text: result.text,
      frame: result.frame ?? { width: frame.width, height: frame.height },
      modelMs: result.timings.totalMs - result.timings.prepareMs,
      promptTokens: result.promptTokens,
      generatedTokens: result.generatedTokens,
      ...(result.reusedTokens !== undefined ? { reusedTokens: result.reusedTokens } : {}),
      timings: { encodeMs: result.timings.encodeMs, prefillMs: result.timings.prefillMs, decodeMs: result.timings.decodeMs },
    };
  }

  /** One step of the conversation; a context the engine refuses as too long starts it over once. */
  private async converse(request: DecideRequest, common: Omit<GenerateRequest, "messages">, contextSize: number): Promise<GenerateResult> {
    const maxTokens = common.maxTokens ?? 320;
    this.conversation ??= new StepConversation(request.task, { contextSize, maxTokens });
    const conversation = this.conversation;
    const keep = this.options.keepContext ?? true;
    const ask = () => this.model.generate({ ...conversation.next(request), ...common, ...(keep ? { keepContext: true } : {}) });
    let result: GenerateResult;
    try {
      result = await ask();
    } catch (error) {
      if (!(error instanceof EngineError) || error.engineCode !== "CONTEXT_TOO_SMALL") throw error;
      conversation.restart(request);
      result = await ask();
    }
    conversation.answered(result.text, result);
    return result;
  }

  async dispose(): Promise<void> {
    if (this.options.ownsModel) await this.model.dispose();
  }
}
