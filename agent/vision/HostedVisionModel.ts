import type { AddonBuffer, AddonDevice, AddonGenerateRequest, AddonGenerateResult, AddonMemoryKind } from "../../native/AddonTypes.js";
import { NativeAddonError } from "../../native/NativeAddonError.js";
import { summarizeEngineMemory, type EngineMemory } from "./EngineMemory.js";
import type { EngineReport } from "./EngineReport.js";
import { EngineHostProcess } from "./EngineHostProcess.js";
import { estimateGpuReserve } from "./estimateGpuReserve.js";
import { forkHost, type SpawnHost } from "./HostChannel.js";
import { EngineError } from "./errors/EngineError.js";
import { FrameMismatchError } from "./errors/FrameMismatchError.js";
import { GenerationAbortedError } from "./errors/GenerationAbortedError.js";
import { ModelDisposedError } from "./errors/ModelDisposedError.js";
import type { HostLoadOptions } from "./hostProtocol.js";
import { checkFrame } from "../frames/checkFrame.js";
import { autoContextSize } from "./contextBudget.js";
import type { ModelFilesInfo } from "./ModelFilesInfo.js";
import { validateModelFiles } from "./validateModelFiles.js";
import { ImageInputError } from "../frames/ImageInputError.js";
import {
  IMAGE_MARKER as MEDIA_MARKER,
  type ChatMessage,
  type GenerateRequest,
  type GenerateResult,
  type VisionModel,
  type VisionModelOptions,
} from "./VisionModel.js";
let nextId = 1;

/** mtmd's image_min_tokens by default: Qwen's own least frame (56×56), so the engine never enlarges a prepared frame. */
export const ENGINE_MIN_IMAGE_TOKENS = 4;

/** What the host reported when it loaded the model. */
export interface LoadedModelInfo {
  readonly nEmbd: number;
  readonly contextSize: number;
  /** How the model keeps its context: "kv" can be partly erased (kept context works); "recurrent" and "hybrid" cannot (every step re-reads its prompt). */
  readonly memory: AddonMemoryKind;
  readonly gpuLayers: number;
  readonly pid: number;
  readonly devices: readonly AddonDevice[];
  /** What the engine runs on: backend, devices, text layers offloaded, the vision encoder's backend, and why not the GPU. */
  readonly report: EngineReport;
  /** The node-llama-cpp variant folder the GPU backend came from, when one is used. */
  readonly gpuBackendDir?: string;
}

/**
 * VisionModel over the native engine in a child process (docs/design.md §5): a crash there rejects the
 * request in flight with EngineCrashedError and the next request reloads. Calls run one at a time.
 */
export class HostedVisionModel implements VisionModel {
  private host: EngineHostProcess | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private disposing: Promise<void> | undefined;
  private info: LoadedModelInfo | undefined;
  private running: { id: number; host: EngineHostProcess } | undefined;

  private constructor(
    private readonly loadOptions: HostLoadOptions,
    private readonly spawnHost: SpawnHost,
    readonly files: ModelFilesInfo,
    readonly minImageTokens: number,
    readonly maxImageTokens: number,
  ) {}

  /** Validates the files, starts the engine host and loads the model. */
  static async load(options: VisionModelOptions, spawnHost: SpawnHost = forkHost): Promise<HostedVisionModel> {
    const files = validateModelFiles(options.modelPath, options.mmprojPath);
    // Frames arrive prepared; mtmd's minimum only has to stay below the smallest one (docs/design.md §3).
    const minImageTokens = options.minImageTokens ?? ENGINE_MIN_IMAGE_TOKENS;
    const maxImageTokens = options.maxImageTokens ?? 4096;
    const model = new HostedVisionModel(
      {
        modelPath: options.modelPath,
        mmprojPath: options.mmprojPath,
        gpuLayers: options.gpuLayers ?? "auto",
        contextSize: options.contextSize ?? autoContextSize(maxImageTokens),
        threads: options.threads ?? 0,
        imageMinTokens: minImageTokens,
        imageMaxTokens: maxImageTokens,
        warmup: options.warmup ?? true,
        textBytes: files.textBytes,
        textLayers: files.textLayers,
        visionGpu: options.visionGpu ?? true,
        reserveBytes: estimateGpuReserve(files.shape, files.mmprojBytes, options.contextSize ?? 8192, maxImageTokens).total,
      },
      spawnHost,
      files,
      minImageTokens,
      maxImageTokens,
    );
    options.signal?.throwIfAborted();
    const onAbort = () => model.host?.kill();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await model.enqueue(() => model.ensureHost());
    } catch (error) {
      if (options.signal?.aborted) throw new GenerationAbortedError("loading the model was cancelled", { cause: options.signal.reason });
      throw error;
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
    }
    return model;
  }

  /** The projector's grid: patch × merge from the mmproj (28 Qwen2.5-VL, 32 Qwen3-VL). */
  get frameFactor(): number {
    return this.files.patchSize * this.files.mergeSize;
  }

  /** The context size the engine was loaded with, in tokens. */
  get contextSize(): number {
    return this.loadOptions.contextSize;
  }

  /** Whether the vision encoder was asked to run on the GPU (when there is one). */
  get visionGpu(): boolean {
    return this.loadOptions.visionGpu ?? true;
  }

  /** The loaded model as the host reported it (GPU layers actually used, host pid). */
  get loaded(): LoadedModelInfo | undefined {
    return this.host?.alive ? this.info : undefined;
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.disposed) return Promise.reject(new ModelDisposedError("the vision model was disposed; load it again"));
    if (request.signal?.aborted) return Promise.reject(aborted(request.signal));
    return this.enqueue(() => this.run(request));
  }

  /** The image-token grid llama.cpp itself picks for a `width`×`height` image (no encoding). */
  imageLayout(width: number, height: number): Promise<{ nx: number; ny: number; tokens: number }> {
    if (this.disposed) return Promise.reject(new ModelDisposedError("the vision model was disposed; load it again"));
    return this.enqueue(async () => {
      const host = await this.ensureHost();
      return (await host.call({ type: "layout", id: nextId++, width, height })) as { nx: number; ny: number; tokens: number };
    });
  }

  /** What the engine holds in memory now (weights, KV cache, compute buffers), as llama.cpp reported it. */
  engineMemory(): Promise<EngineMemory> {
    if (this.disposed) return Promise.reject(new ModelDisposedError("the vision model was disposed; load it again"));
    return this.enqueue(async () => {
      const host = await this.ensureHost();
      return summarizeEngineMemory((await host.call({ type: "memory", id: nextId++ })) as AddonBuffer[]);
    });
  }

  /** Cancels the running request, refuses queued ones, then ends the host. Idempotent. */
  dispose(): Promise<void> {
    this.disposed = true;
    if (this.running) this.running.host.cancel(this.running.id);
    this.disposing ??= this.enqueue(async () => {
      const host = this.host;
      this.host = undefined;
      if (!host?.alive) return;
      await host.call({ type: "dispose", id: nextId++ }).catch(() => undefined);
      await host.stop();
    });
    return this.disposing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job, job);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async ensureHost(): Promise<EngineHostProcess> {
    if (this.host?.alive) return this.host;
    const host = new EngineHostProcess(this.spawnHost);
    this.host = host;
    try {
      this.info = (await host.call({ type: "load", id: nextId++, options: this.loadOptions })) as LoadedModelInfo;
      return host;
    } catch (error) {
      host.kill();
      this.host = undefined;
      if (error instanceof EngineError && error.engineCode === "NATIVE_ADDON_UNAVAILABLE") throw new NativeAddonError(error.message, { cause: error });
      throw error;
    }
  }

  private async run(request: GenerateRequest): Promise<GenerateResult> {
    if (this.disposed) throw new ModelDisposedError("the vision model was disposed; load it again");
    if (request.signal?.aborted) throw aborted(request.signal);
    const started = performance.now();
    if (request.image && request.images) throw new ImageInputError("give either image or images, not both");
    const images = request.images ?? (request.image ? [request.image] : []);
    const factor = this.frameFactor;
    for (const i of images) checkFrame(i, factor, this.minImageTokens, this.maxImageTokens);
    const image = images.at(-1);
    const host = await this.ensureHost();
    const id = nextId++;
    const addonRequest: AddonGenerateRequest = {
      id,
      maxTokens: request.maxTokens ?? 256,
      grammar: request.grammar,
      messages: request.messages ? withImageMarker(withSystem(request.messages, this.files.defaultSystemPrompt), request.image !== undefined) : undefined,
      prompt: request.prompt,
      images: images.map((i) => i.rgb),
      ...(request.keepContext ? { keepContext: true } : {}),
    };
    const onAbort = () => host.cancel(id);
    request.signal?.addEventListener("abort", onAbort, { once: true });
    let result: AddonGenerateResult;
    try {
      this.running = { id, host };
      result = (await host.call({ type: "generate", id, request: addonRequest }, request.onToken)) as AddonGenerateResult;
    } catch (error) {
      throw error instanceof EngineError && error.engineCode === "CONTEXT_TOO_SMALL" ? contextTooSmall(error, this.contextSize) : error;
    } finally {
      this.running = undefined;
      request.signal?.removeEventListener("abort", onAbort);
    }
    if (result.stopReason === "cancelled" && this.disposed && !request.signal?.aborted)
      throw new ModelDisposedError("the vision model was disposed during the request");
    if (result.stopReason === "cancelled") throw aborted(request.signal);
    if (
      image &&
      (result.imageNx * factor !== image.frame.width || result.imageNy * factor !== image.frame.height || result.imageTokens !== image.frame.tokens)
    ) {
      throw new FrameMismatchError(
        `llama.cpp encoded the image at ${result.imageNx * factor}x${result.imageNy * factor} (${result.imageTokens} tokens), but smart_resize predicts ${image.frame.width}x${image.frame.height} (${image.frame.tokens}); coordinates would be wrong`,
      );
    }
    const t = result.timings;
    return {
      text: result.text,
      stopReason: result.stopReason,
      promptTokens: result.promptTokens,
      imageTokens: result.imageTokens,
      generatedTokens: result.generatedTokens,
      reusedTokens: result.reusedTokens,
      ...(result.eraseRefused ? { eraseRefused: true } : {}),
      contextTokens: result.contextTokens,
      encodedImages: result.encodedImages,
      frame: image ? { width: image.frame.width, height: image.frame.height } : null,
      timings: { prepareMs: t.prepareMs, encodeMs: t.encodeMs, prefillMs: t.prefillMs, decodeMs: t.decodeMs, totalMs: performance.now() - started },
    };
  }
}

/** Puts the image marker at the start of the last user message, unless the caller placed it. */
function withImageMarker(messages: readonly ChatMessage[], hasImage: boolean): ChatMessage[] {
  const out = messages.map((m) => ({ role: m.role, content: m.content }));
  if (!hasImage || out.some((m) => m.content.includes(MEDIA_MARKER))) return out;
  const last = out.map((m) => m.role).lastIndexOf("user");
  if (last >= 0) out[last]!.content = MEDIA_MARKER + out[last]!.content;
  return out;
}

/** The engine's refusal, with the setting and flag that size the context (the addon only knows its own option name). */
function contextTooSmall(error: EngineError, contextSize: number): EngineError {
  const what = error.message.replace(/;\s*raise contextSize.*$/s, "");
  return new EngineError(
    "CONTEXT_TOO_SMALL",
    `${what}. The engine's context is ${contextSize} tokens: set engine.contextSize to "auto" or a larger number in the settings (on the command line: --context-size auto or --context-size N), or lower the maximum image tokens (imageTokens.max, --max-image-tokens)`,
    { cause: error },
  );
}

function aborted(signal: AbortSignal | undefined): GenerationAbortedError {
  return new GenerationAbortedError("the request was cancelled; the model is still loaded", { cause: signal?.reason });
}

/** Adds the template's default system message when the chat has none, as the Jinja template would. */
function withSystem(messages: readonly ChatMessage[], system: string | undefined): readonly ChatMessage[] {
  if (system === undefined || messages[0]?.role === "system") return messages;
  return [{ role: "system", content: system }, ...messages];
}
