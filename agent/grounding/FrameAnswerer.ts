import type { CoordinateSpace } from "../profiles/coordinateSpace.js";
import type { ModelProfile } from "../profiles/ModelProfile.js";
import type { ChatMessage } from "../vision/VisionModel.js";
import type { GroundMode } from "../profiles/GroundCandidate.js";
import type { GroundingPromptKind } from "./GroundingPromptKind.js";
import type { PreparedFrame } from "../frames/PreparedFrame.js";
import type { TokenBounds } from "../frames/TokenBounds.js";

export interface FrameAnswerRequest {
  /** The image already resized to its model frame; the answer's coordinates count its pixels. */
  readonly prepared: PreparedFrame;
  readonly messages: readonly ChatMessage[];
  /** What the messages ask, for answerers that do not read them (the test oracle). */
  readonly task?: { readonly query: string; readonly mode: GroundMode; readonly prompt?: GroundingPromptKind };
  /** GBNF the answer must follow, where the model supports it. */
  readonly grammar?: string;
  readonly maxTokens: number;
  readonly signal?: AbortSignal;
  readonly onToken?: (text: string) => void;
}

export interface FrameAnswer {
  readonly text: string;
  /** Time the model took (encode + prefill + decode, or the HTTP round trip), ms. */
  readonly modelMs: number;
}

/** Whatever answers about a prepared frame: the local engine, a remote endpoint, or a stated test oracle. */
export interface FrameAnswerer {
  /** The image-token bounds frames must be prepared with for this model. */
  readonly bounds: TokenBounds;
  /** Whether `grammar` is honoured (local llama.cpp); remote answers are validated all the same. */
  readonly constrained: boolean;
  /** How the model is asked and understood (default: Qwen2.5-VL's), and the space its coordinates are in (default: the profile's). */
  readonly profile?: ModelProfile;
  readonly coordinates?: CoordinateSpace;
  answer(request: FrameAnswerRequest): Promise<FrameAnswer>;
  dispose(): Promise<void>;
}
