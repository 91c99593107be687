/** The vision-language model port (DESIGN §1, §5): an image + chat in, grammar-constrained text out. */

/** How many layers go to the GPU: a count, every layer ("max"), or as many as fit ("auto"). */
export type GpuLayers = number | "auto" | "max";

export interface VisionModelOptions {
  readonly modelPath: string;
  readonly mmprojPath: string;
  readonly gpuLayers?: GpuLayers;
  /** Text context in tokens; must hold the image tokens + prompt + answer. Default 8192. */
  readonly contextSize?: number;
  /** CPU threads; default all. */
  readonly threads?: number;
  /** Image-token bounds for smart_resize (DESIGN §3); default 1024…4096, as grounding needs ≥ 1024. */
  readonly minImageTokens?: number;
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

/** Raw interleaved RGB, 3 bytes per pixel, row-major. */
export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Where an image goes in a message, for requests with several `images` (mtmd's default marker). */
export const IMAGE_MARKER = "<__media__>";

export interface GenerateRequest {
  /** Resized to the model frame (smart_resize) before encoding; placed before the last user message's text. */
  readonly image?: RgbImage;
  /**
   * Several images, each resized like `image`, one per IMAGE_MARKER the messages carry, in order
   * (instead of `image`). The result's frame is the last image's.
   */
  readonly images?: readonly RgbImage[];
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
  /** Resize + transfer + tokenize, ms. */
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
  generate(request: GenerateRequest): Promise<GenerateResult>;
  dispose(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
