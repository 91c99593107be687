/** The whole native surface of deskpilot_vision.node, typed in one place. */

export interface AddonLoadOptions {
  modelPath: string;
  mmprojPath: string;
  /** Layers offloaded to the GPU; -1 offloads all. */
  gpuLayers: number;
  /**
   * The ggml devices the engine may use, by name ("Vulkan0"); [] keeps everything on the CPU.
   * Absent: llama.cpp's default, every GPU device (DeskPilot always names them).
   */
  devices?: string[];
  contextSize: number;
  batchSize?: number;
  /** Tokens per physical compute step (llama.cpp's n_ubatch); its compute buffer is sized for one. Default 512. */
  ubatchSize?: number;
  /** Logit rows one decode may return (llama.cpp's n_outputs_max); the engine asks for one. Default 2. */
  outputsMax?: number;
  /** 0: all hardware threads. */
  threads?: number;
  /** 0: the projector's default (8 for Qwen2.5-VL). */
  imageMinTokens?: number;
  /** 0: the projector's default (4096 for Qwen2.5-VL). */
  imageMaxTokens?: number;
  /** Run the vision encoder on the GPU when one is loaded. */
  visionGpu?: boolean;
  /** Encode a dummy image at load to reserve compute buffers. */
  warmup?: boolean;
}

export interface AddonChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface AddonGenerateRequest {
  /** Caller-chosen id; `cancel(id)` stops this request only. */
  id: number;
  /**
   * Formatted with the GGUF's chat template; the image goes where `mediaMarker` appears. Only the
   * template's own control tokens are special: message text is tokenised with special parsing off.
   */
  messages?: AddonChatMessage[];
  /** Used verbatim when `messages` is absent. */
  prompt?: string;
  image?: { data: Uint8Array; width: number; height: number };
  /** Several images, one per media marker in order (after `image` when both are given). */
  images?: { data: Uint8Array; width: number; height: number }[];
  /**
   * Keep the context between requests: the longest prefix the engine already holds is not
   * decoded again, and an image left out of the new prompt is cut out of the context.
   */
  keepContext?: boolean;
  /** GBNF; the start rule is `root`. */
  grammar?: string;
  maxTokens: number;
}

export interface AddonTimings {
  prepareMs: number;
  encodeMs: number;
  prefillMs: number;
  decodeMs: number;
}

/** How the model keeps its context: a KV cache (partly erasable), recurrent state, or both (hybrid). */
export type AddonMemoryKind = "kv" | "recurrent" | "hybrid";

export interface AddonGenerateResult {
  text: string;
  stopReason: "eog" | "maxTokens" | "cancelled";
  promptTokens: number;
  imageTokens: number;
  /** Image tokens across and down; the frame is nx·(patch·merge) × ny·(patch·merge). */
  imageNx: number;
  imageNy: number;
  generatedTokens: number;
  /** Prompt tokens served from the kept context (0 without keepContext). */
  reusedTokens: number;
  /** Tokens the context holds after the prompt. */
  contextTokens: number;
  /** Images encoded for this request; kept ones are not encoded again. */
  encodedImages: number;
  /** keepContext only: the kept context could not be partly erased (recurrent state), so the whole prompt was read again. */
  eraseRefused?: boolean;
  timings: AddonTimings;
}

export interface AddonImageLayout {
  nx: number;
  ny: number;
  tokens: number;
}

/** One allocation llama.cpp or mtmd reported in its log ("sched_reserve: CPU compute buffer size = 12.5 MiB"). */
export interface AddonBuffer {
  /** The reporting function: load_tensors (text weights), llama_kv_cache, llama_context (logits), sched_reserve (text compute), reserve_compute_meta (vision compute). */
  source: string;
  /** CPU, CUDA0, Vulkan0, CPU_Mapped, … */
  backend: string;
  kind: "model" | "KV" | "compute" | "output" | string;
  bytes: number;
}

export interface AddonDevice {
  name: string;
  description: string;
  type: "cpu" | "gpu" | "igpu" | "accel";
  memoryFree: number;
  memoryTotal: number;
}

/** What llama.cpp's grammar engine makes of a known answer, fed to it token by token. */
export interface AddonGrammarCheck {
  /** Every token let through and the grammar may end there: generation could have written exactly this. */
  accepted: boolean;
  /** Tokens from the start that the grammar let through. */
  acceptedTokens: number;
  /** Index into `tokens` of the first token the grammar forbids; absent when none is. */
  rejectedAt?: number;
  /** After the accepted tokens, end of generation is allowed. */
  canEnd: boolean;
  /** The answer's tokens in the model's vocabulary (special-token parsing off), as text pieces. */
  tokens: string[];
}

/** A loaded model pair; every method that works returns a Promise and runs off the JS thread. */
export interface AddonVisionModel {
  load(options: AddonLoadOptions): Promise<{ nEmbd: number; contextSize: number; memory: AddonMemoryKind; placement: AddonPlacement }>;
  generate(request: AddonGenerateRequest, onText?: (text: string) => void): Promise<AddonGenerateResult>;
  layout(width: number, height: number): Promise<AddonImageLayout>;
  /** The prompt tokens `generate` would decode for this chat or prompt and its images; each image is one -1. */
  tokenize(request: Pick<AddonGenerateRequest, "messages" | "prompt" | "image" | "images">): Promise<number[]>;
  /** Runs the GBNF (start rule `root`) over `text` tokenised with this model's vocabulary. */
  grammarAccepts(grammar: string, text: string): Promise<AddonGrammarCheck>;
  cancel(id: number): void;
  dispose(): Promise<void>;
}

/** Where llama.cpp put a loaded model's parts (computed as llama.cpp does, not as asked). */
export interface AddonPlacement {
  /** The devices holding the offloaded text layers; [] when none are offloaded. */
  textDevices: string[];
  /** Text layers off the CPU (llama.cpp counts the output layer as one). */
  layersOffloaded: number;
  layersTotal: number;
  /** The backend mtmd reported its vision encoder on: "CPU", "Vulkan0", "CUDA0", … */
  visionBackend: string;
}

/** What loadBackends did: the device count after it, and each GPU library it tried. */
export interface AddonBackendsReport {
  devices: number;
  tried: { path: string; loaded: boolean; devices: number; kept: boolean }[];
}

/** Error codes the addon rejects with (`error.code`). */
export type AddonErrorCode = "LOAD_FAILED" | "ENGINE_ERROR" | "INVALID_REQUEST" | "CONTEXT_TOO_SMALL" | "DISPOSED" | "NOT_LOADED" | "ALREADY_LOADED";

export interface VisionAddon {
  /**
   * Loads every backend library in `baseDir` ("" = the default search path), then tries `gpuLibs`
   * in order and keeps the first that finds a device (the others are unloaded). Once per process.
   */
  loadBackends(baseDir: string, gpuLibs: string[]): AddonBackendsReport;
  devices(): AddonDevice[];
  /** The buffers reported for the model loaded in this process (the last report of each wins). */
  buffers(): AddonBuffer[];
  /** 1 debug, 2 info, 3 warn, 4 error, 5 silent. */
  setLogLevel(level: number): void;
  systemInfo(): string;
  readonly mediaMarker: string;
  readonly VisionModel: new () => AddonVisionModel;
}
