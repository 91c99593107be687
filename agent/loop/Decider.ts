import type { ComputerAction } from "../actions/ComputerAction.js";
import type { FrameSize } from "../geometry/frameMapping.js";
import type { PreparedFrame } from "../frames/PreparedFrame.js";
import type { HistoryEntry } from "../profiles/HistoryEntry.js";

/** What the decider is asked at one step. */
export interface DecideRequest {
  readonly task: string;
  /** The current screenshot, already resized to its model frame. */
  readonly screenshot: PreparedFrame;
  /** Earlier screenshots, oldest first (bounded); a decider may use them or not. */
  readonly pastScreenshots: readonly PreparedFrame[];
  /** Every listed past step as text; `omitted` older ones are summarised as a count. */
  readonly history: readonly HistoryEntry[];
  readonly omitted: number;
  /** Aborted on stop or step timeout: generation must end promptly. */
  readonly signal: AbortSignal;
  readonly onToken?: (text: string) => void;
}

/** One model answer: raw text in the model frame's coordinates. */
export interface Decision {
  readonly text: string;
  readonly frame: { readonly width: number; readonly height: number };
  readonly modelMs: number;
  readonly promptTokens?: number;
  readonly generatedTokens?: number;
  /** Prompt tokens the engine already held from earlier steps (a kept context). */
  readonly reusedTokens?: number;
  /** The engine could not cut its kept context (recurrent model) and read the whole prompt again. */
  readonly eraseRefused?: boolean;
  /** Where the model's time went: encoding images, reading the prompt, writing the answer (ms). */
  readonly timings?: { readonly encodeMs: number; readonly prefillMs: number; readonly decodeMs: number };
}

/**
 * The "decide" phase port. A decider lives for one run (`dispose()` at its end), so an
 * implementation may keep state between steps: ModelDecider keeps the run as one conversation
 * in the local engine's context, so past screenshots are not encoded again.
 */
export interface Decider {
  decide(request: DecideRequest): Promise<Decision>;
  /**
   * Reads an answer into one action in `frame`'s pixels, in the format and coordinate space of
   * the decider's model (its profile); throws InvalidActionError. Default: Qwen2.5-VL's tool call.
   */
  parse?(text: string, frame: FrameSize): ComputerAction;
  /** The grid the decider's model sees frames on (patch × merge: 28 Qwen2.5-VL, 32 Qwen3-VL); the loop prepares each screenshot on it. Default 28. */
  readonly frameFactor?: number;
  dispose(): Promise<void>;
}
