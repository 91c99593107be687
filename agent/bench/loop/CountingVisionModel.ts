import type { GenerateRequest, GenerateResult, VisionModel } from "../../vision/VisionModel.js";

/** What the model was asked during one agent step: image tokens it encoded, and the decider's window. */
export interface StepSample {
  /** Image tokens the engine encoded for every request of the step (the decider's and the policy checks'). */
  readonly imageTokens: number;
  /** Screenshots the decider's kept conversation showed, or null when it asked nothing kept. */
  readonly screenshotsInView: number | null;
  /** Whether the decider's conversation started over from a summary at this step. */
  readonly restarted: boolean;
}

/**
 * A VisionModel that passes everything through and counts, for benchmarks: image tokens encoded
 * (kept screenshots are not encoded again, so they cost nothing), the window the kept
 * conversation shows, and its restarts (a kept request whose chat is no longer than the last).
 */
export class CountingVisionModel implements VisionModel {
  private imageTokens = 0;
  private shown: number | null = null;
  private restarted = false;
  private lastKeptMessages = 0;

  constructor(private readonly inner: VisionModel) {}

  get contextSize(): number | undefined {
    return this.inner.contextSize;
  }

  get frameFactor(): number | undefined {
    return this.inner.frameFactor;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const result = await this.inner.generate(request);
    const sent = request.images?.length ?? (request.image ? 1 : 0);
    // The images of one request share a frame (a conversation's screenshots), so each costs the result's count.
    this.imageTokens += (result.encodedImages ?? sent) * result.imageTokens;
    if (request.keepContext) {
      const messages = request.messages?.length ?? 0;
      if (this.lastKeptMessages > 0 && messages <= this.lastKeptMessages) this.restarted = true;
      this.lastKeptMessages = messages;
      this.shown = sent;
    }
    return result;
  }

  /** What was counted since the last call. */
  takeStep(): StepSample {
    const sample = { imageTokens: this.imageTokens, screenshotsInView: this.shown, restarted: this.restarted };
    this.imageTokens = 0;
    this.shown = null;
    this.restarted = false;
    return sample;
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
