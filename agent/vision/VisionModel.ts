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

export interface GenerateRequest {
  /** Resized to the model frame (smart_resize) before encoding; placed before the last user message's text. */
  readonly image?: RgbImage;
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
  /** The model frame the image was encoded at (the coordinate space of its answers), or null without an image. */
  readonly frame: { readonly width: number; readonly height: number } | null;
  readonly timings: GenerateTimings;
}

/** A loaded model pair. Calls are queued; `dispose()` is idempotent. */
export interface VisionModel {
  generate(request: GenerateRequest): Promise<GenerateResult>;
  dispose(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
