import type { PreparedFrame } from "../frames/PreparedFrame.js";

/** The vision-language model port (docs/design.md §1, §5): an image + chat in, grammar-constrained text out. */

/** How many layers go to the GPU: a count, every layer ("max"), or as many as fit ("auto"). */
export type GpuLayers = number | "auto" | "max";

export interface VisionModelOptions {
  readonly modelPath: string;
  readonly mmprojPath: string;
  readonly gpuLayers?: GpuLayers;
  /** Text context in tokens; must hold the image tokens + prompt + answer. Default: autoContextSize(maxImageTokens). */
  readonly contextSize?: number;
  /** CPU threads; default all. */
  readonly threads?: number;
  /**
   * The smallest frame, in image tokens, the engine encodes as it is (mtmd's image_min_tokens):
   * frames come prepared (PreparedFrame), so this only has to stay at or below the smallest one a
   * caller prepares (the policy's 64-token crops); a smaller frame is refused, never enlarged. Default 4.
   */
  readonly minImageTokens?: number;
  /** The largest frame, in image tokens, the engine is given (mtmd's image_max_tokens); a larger one is refused. Default 4096. */
  readonly maxImageTokens?: number;
  /** Run the vision encoder on the GPU when there is one (default true); the out-of-memory fallback's last step turns it off. */
  readonly visionGpu?: boolean;
  /** Encode a dummy image at load (reserves buffers; slower load). Default true. */
  readonly warmup?: boolean;
  /** Stops a slow load (the host process is killed). */
  readonly signal?: AbortSignal;
}

export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/** Where an image goes in a message, for requests with several `images` (mtmd's default marker). */
export const IMAGE_MARKER = "<__media__>";

export interface GenerateRequest {
  /** Encoded at its frame, untouched (a model checks it with checkFrame, never resizes it); placed before the last user message's text. */
  readonly image?: PreparedFrame;
  /**
   * Several images, each encoded like `image`, one per IMAGE_MARKER the messages carry, in order
   * (instead of `image`). The result's frame is the last image's.
   */
  readonly images?: readonly PreparedFrame[];
  /**
   * Keep the engine's context between requests (a multi-step conversation): what it already
   * holds from the previous keepContext request is not encoded again, and an image left out of
   * the new messages is cut out of the context. Only the local engine keeps context; others ignore it.
   */
  readonly keepContext?: boolean;
  /** Chat messages formatted with the model's own template; or `prompt` for a raw prompt. */
  readonly messages?: readonly ChatMessage[];
  readonly prompt?: string;
  /** GBNF (start rule `root`); the answer then always parses. */
  readonly grammar?: string;
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
  readonly onToken?: (text: string) => void;
}

export interface GenerateTimings {
  /** Transfer + tokenize (and a remote model's PNG encoding), ms; frames come already resized. */
  readonly prepareMs: number;
  readonly encodeMs: number;
  readonly prefillMs: number;
  readonly decodeMs: number;
  readonly totalMs: number;
}

export interface GenerateResult {
  readonly text: string;
  readonly stopReason: "eog" | "maxTokens";
  readonly promptTokens: number;
  readonly imageTokens: number;
  readonly generatedTokens: number;
  /** Prompt tokens the engine already held (keepContext); 0 otherwise. */
  readonly reusedTokens?: number;
  /**
   * keepContext only: the engine held part of this prompt but could not cut the rest away (a
   * recurrent or hybrid model's state cannot be partly erased), so it read the whole prompt again.
   */
  readonly eraseRefused?: boolean;
  /** Tokens the engine's context holds after the prompt (keepContext); bounded by contextSize. */
  readonly contextTokens?: number;
  /** Images the engine encoded for this request (kept ones are not encoded again). */
  readonly encodedImages?: number;
  /** The model frame the image was encoded at (the coordinate space of its answers), or null without an image. */
  readonly frame: { readonly width: number; readonly height: number } | null;
  readonly timings: GenerateTimings;
}

/** A loaded model pair. Calls are queued; `dispose()` is idempotent. */
export interface VisionModel {
  /** The engine's context size in tokens, when it keeps a context (the local engine). */
  readonly contextSize?: number;
  /**
   * The side of one image token's cell (patch × merge) the model encodes on: read from a local
   * model's projector file, a remote one's from its family. Frames must be prepared on it.
   */
  readonly frameFactor?: number;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  dispose(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
