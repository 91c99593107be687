import type { FrameAnswer, FrameAnswerer, FrameAnswerRequest } from "../../../../agent/grounding/FrameAnswerer.js";
import { DEFAULT_TOKEN_BOUNDS, type TokenBounds } from "../../../../agent/frames/TokenBounds.js";

/** Answers each pass with the next scripted text (the last one repeats) and records what it was shown. */
export class ScriptedAnswerer implements FrameAnswerer {
  readonly constrained = false;
  readonly seen: FrameAnswerRequest[] = [];
  disposed = 0;

  constructor(
    private readonly answers: readonly string[],
    readonly bounds: TokenBounds = DEFAULT_TOKEN_BOUNDS,
  ) {}

  async answer(request: FrameAnswerRequest): Promise<FrameAnswer> {
    this.seen.push(request);
    const text = this.answers[Math.min(this.seen.length - 1, this.answers.length - 1)] ?? "";
    return { text, modelMs: 1 };
  }

  async dispose(): Promise<void> {
    this.disposed++;
  }
}
