import { FrameMismatchError } from "../vision/errors/FrameMismatchError.js";
import type { VisionModel } from "../vision/VisionModel.js";
import type { FrameAnswer, FrameAnswerer, FrameAnswerRequest } from "./FrameAnswerer.js";
import { DEFAULT_TOKEN_BOUNDS, withModelGrid, type TokenBounds } from "../frames/TokenBounds.js";
import { checkFamilyGrid, modelFrameFactor } from "../profiles/checkFamilyGrid.js";
import type { CoordinateSpace } from "../profiles/coordinateSpace.js";
import type { ModelProfile } from "../profiles/ModelProfile.js";

/**
 * Answers through a VisionModel (the local engine, or a remote one behind the same port). The
 * model must report encoding the exact frame it was handed: any other frame means its
 * coordinates would be skewed, so that is an error rather than a silent shift.
 */
export class VisionModelAnswerer implements FrameAnswerer {
  /** The bounds on the model's own grid (the loaded model's, else its family's), so frames are prepared as it encodes them. */
  readonly bounds: TokenBounds;

  constructor(
    private readonly model: VisionModel,
    bounds: TokenBounds = DEFAULT_TOKEN_BOUNDS,
    readonly constrained = true,
    readonly profile?: ModelProfile,
    readonly coordinates?: CoordinateSpace,
  ) {
    if (profile) checkFamilyGrid(profile, model.frameFactor);
    this.bounds = withModelGrid(bounds, profile ? modelFrameFactor(model, profile) : model.frameFactor);
  }

  async answer(request: FrameAnswerRequest): Promise<FrameAnswer> {
    const { prepared } = request;
    const result = await this.model.generate({
      image: prepared,
      messages: request.messages,
      grammar: this.constrained ? request.grammar : undefined,
      maxTokens: request.maxTokens,
      signal: request.signal,
      onToken: request.onToken,
    });
    const got = result.frame;
    if (!got || got.width !== prepared.frame.width || got.height !== prepared.frame.height) {
      throw new FrameMismatchError(
        `the model encoded the image at ${got ? `${got.width}x${got.height}` : "no frame"}, not the prepared ${prepared.frame.width}x${prepared.frame.height} frame; its coordinates would be skewed. Load the model with image-token bounds ${this.bounds.minImageTokens}…${this.bounds.maxImageTokens}.`,
      );
    }
    const t = result.timings;
    return { text: result.text, modelMs: t.totalMs - t.prepareMs };
  }

  dispose(): Promise<void> {
    return this.model.dispose();
  }
}
