import type { ComputerAction } from "../actions/ComputerAction.js";
import type { FrameSize } from "../geometry/frameMapping.js";
import type { CoordinateSpace } from "../profiles/coordinateSpace.js";
import type { ModelProfile } from "../profiles/ModelProfile.js";
import { getProfile } from "../profiles/profileRegistry.js";
import { checkFamilyGrid, modelFrameFactor } from "../profiles/checkFamilyGrid.js";
import type { GenerateRequest, GenerateResult, VisionModel } from "../vision/VisionModel.js";
import { EngineError } from "../vision/errors/EngineError.js";
import { FrameMismatchError } from "../vision/errors/FrameMismatchError.js";
import type { DecideRequest, Decider, Decision } from "./Decider.js";
import { StepConversation } from "./StepConversation.js";
import type { ToolCallKind } from "../profiles/qwen25vl/toolCallGrammar.js";

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
  /** What the model reads and writes (default: Qwen2.5-VL's profile). */
  readonly profile?: ModelProfile;
  /** The space the model's coordinates are in (default: the profile's). */
  readonly coordinates?: CoordinateSpace;
}

/**
 * Decides with a VisionModel in its profile's computer-use chat (Qwen2.5-VL's by default). With an engine that keeps its
 * context (the local engine), the run is one growing conversation (StepConversation): each step
 * sends the new screenshot and the last result, the engine encodes only those, and the last few
 * screenshots stay in view. Other models (remote endpoints) get the current screenshot (exactly
 * its model frame, so nothing is resized again) and the text history each step.
 */
export class ModelDecider implements Decider {
  private conversation: StepConversation | undefined;
  private readonly profile: ModelProfile;
  private readonly coordinates: CoordinateSpace;
  /** The model's own answers by step, so a profile can lay out history in the model's words. */
  private readonly answers = new Map<number, string>();

  constructor(
    private readonly model: VisionModel,
    private readonly options: ModelDeciderOptions,
  ) {
    this.profile = options.profile ?? getProfile();
    this.coordinates = options.coordinates ?? this.profile.defaultCoordinates;
    checkFamilyGrid(this.profile, model.frameFactor);
  }

  /** The loaded model's grid (its projector's), else its family's. */
  get frameFactor(): number {
    return modelFrameFactor(this.model, this.profile);
  }

  /** The answer in the profile's format and coordinate space → one action in frame pixels. */
  parse(text: string, frame: FrameSize): ComputerAction {
    return this.profile.computerUse.parse(text, frame, this.coordinates);
  }

  async decide(request: DecideRequest): Promise<Decision> {
    const { frame } = request.screenshot;
    const grammar = this.options.grammar ? this.profile.computerUse.grammar(frame, this.coordinates, this.options.kinds) : undefined;
    const common = {
      ...(grammar ? { grammar } : {}),
      maxTokens: this.options.maxTokens ?? this.profile.computerUse.maxTokens,
      signal: request.signal,
      ...(request.onToken ? { onToken: request.onToken } : {}),
    };
    const result = this.model.contextSize
      ? await this.converse(request, common, this.model.contextSize)
      : await this.model.generate({ image: request.screenshot, messages: this.stepMessages(request), ...common });
    this.answers.set(request.omitted + request.history.length + 1, result.text);
    if (result.frame && (result.frame.width !== frame.width || result.frame.height !== frame.height)) {
      throw new FrameMismatchError(
        `the model saw ${result.frame.width}x${result.frame.height}, not the ${frame.width}x${frame.height} frame its prompt declared; use the same image-token bounds for the loop and the model`,
      );
    }
    return {
      text: result.text,
      frame: result.frame ?? { width: frame.width, height: frame.height },
      modelMs: result.timings.totalMs - result.timings.prepareMs,
      promptTokens: result.promptTokens,
      generatedTokens: result.generatedTokens,
      ...(result.reusedTokens !== undefined ? { reusedTokens: result.reusedTokens } : {}),
      ...(result.eraseRefused ? { eraseRefused: true } : {}),
      timings: { encodeMs: result.timings.encodeMs, prefillMs: result.timings.prefillMs, decodeMs: result.timings.decodeMs },
    };
  }

  private stepMessages(request: DecideRequest) {
    const { task, history, omitted } = request;
    return this.profile.computerUse.messages({ task, frame: request.screenshot.frame, coordinates: this.coordinates, history, omitted, answers: this.answers });
  }

  /** One step of the conversation; a context the engine refuses as too long starts it over once. */
  private async converse(request: DecideRequest, common: Omit<GenerateRequest, "messages">, contextSize: number): Promise<GenerateResult> {
    const maxTokens = common.maxTokens ?? this.profile.computerUse.maxTokens;
    const format = this.profile.computerUse.conversation;
    this.conversation ??= new StepConversation(request.task, { contextSize, maxTokens, coordinates: this.coordinates, ...(format ? { format } : {}) });
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
