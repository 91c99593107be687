import sharp from "sharp";
import { ModelDisposedError } from "../../vision/errors/ModelDisposedError.js";
import { checkFramedImage } from "../../vision/checkFramedImage.js";
import { FRAME_FACTOR } from "../../vision/smartResize.js";
import type { ChatMessage, GenerateRequest, GenerateResult, VisionModel } from "../../vision/VisionModel.js";
import { RemoteModelError } from "../errors/RemoteModelError.js";
import { DEFAULT_TOKEN_BOUNDS, type TokenBounds } from "../prepareGroundingFrame.js";
import { chatCompletionsUrl } from "./chatCompletionsUrl.js";
import { postWithRetry, type RetryPolicy } from "./postWithRetry.js";
import { readChatJson, readChatStream, type ChatAnswer } from "./readChatStream.js";

export interface OpenAiVisionModelOptions {
  /** The server, its `/v1` base, or the full chat-completions URL. */
  readonly endpoint: string;
  /** The model name the server serves (`model` in the request). */
  readonly model: string;
  readonly apiKey?: string;
  readonly bounds?: TokenBounds;
  readonly retry?: Partial<RetryPolicy>;
  /** Send the request's GBNF as `grammar` (a llama-server extension; vLLM and LM Studio reject or ignore it). */
  readonly sendGrammar?: boolean;
}

/**
 * The VisionModel port over an OpenAI-compatible chat-completions endpoint with image input
 * (llama-server, vLLM, LM Studio): the scale-out path of DESIGN §1. The image comes at its
 * frame and is sent as PNG, so the server must not resize it again; when the server reports
 * fewer prompt tokens than the frame has, it did, and that is an error.
 */
export class OpenAiVisionModel implements VisionModel {
  readonly url: string;
  readonly bounds: TokenBounds;
  private readonly policy: RetryPolicy;
  private disposed = false;

  constructor(private readonly options: OpenAiVisionModelOptions) {
    this.url = chatCompletionsUrl(options.endpoint);
    this.bounds = options.bounds ?? DEFAULT_TOKEN_BOUNDS;
    this.policy = { timeoutMs: 120_000, retries: 2, backoffMs: 500, ...options.retry };
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.disposed) throw new ModelDisposedError("the remote model was disposed; create it again");
    const started = performance.now();
    // Sent at the frame its caller prepared (a policy crop stays small); only checked, never resized.
    const image = request.image;
    if (image) checkFramedImage(image, FRAME_FACTOR, 1, Number.MAX_SAFE_INTEGER);
    const png = image ? await sharp(image.rgb.data, { raw: { width: image.rgb.width, height: image.rgb.height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer() : undefined;
    const prepareMs = performance.now() - started;
    const body = {
      model: this.options.model,
      messages: toOpenAiMessages(request.messages ?? [{ role: "user", content: request.prompt ?? "" }], png),
      max_tokens: request.maxTokens ?? 256,
      temperature: 0,
      ...(this.options.sendGrammar && request.grammar ? { grammar: request.grammar } : {}),
      stream: request.onToken !== undefined,
      ...(request.onToken ? { stream_options: { include_usage: true } } : {}),
    };
    const headers: Record<string, string> = this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {};
    const res = await postWithRetry(this.url, body, headers, this.policy, request.signal);
    const streamed = request.onToken && (res.headers.get("content-type") ?? "").includes("text/event-stream");
    const answer: ChatAnswer = streamed ? await readChatStream(res, this.url, request.onToken!) : await readChatJson(res, this.url);
    if (request.onToken && !streamed) request.onToken(answer.text);
    if (image && answer.promptTokens !== undefined && answer.promptTokens < image.frame.tokens) {
      throw new RemoteModelError(
        "REMOTE_IMAGE_RESIZED",
        `${this.url} counted ${answer.promptTokens} prompt tokens for an image whose ${image.frame.width}x${image.frame.height} frame alone is ${image.frame.tokens} tokens: the server resized the image itself, so its coordinates would be skewed. Let it keep images up to ${this.bounds.maxImageTokens} tokens (llama-server --image-max-tokens, vLLM --mm-processor-kwargs '{"max_pixels": ${this.bounds.maxImageTokens * 784}}') or lower --max-image-tokens.`,
      );
    }
    const totalMs = performance.now() - started;
    return {
      text: answer.text, stopReason: answer.finishReason === "length" ? "maxTokens" : "eog",
      promptTokens: answer.promptTokens ?? 0, imageTokens: image?.frame.tokens ?? 0, generatedTokens: 0,
      frame: image ? { width: image.frame.width, height: image.frame.height } : null,
      timings: { prepareMs, encodeMs: 0, prefillMs: 0, decodeMs: totalMs - prepareMs, totalMs },
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** OpenAI's message shape; the image goes first in the last user message, as Qwen's template places it. */
function toOpenAiMessages(messages: readonly ChatMessage[], png: Buffer | undefined): unknown[] {
  const lastUser = messages.map((m) => m.role).lastIndexOf("user");
  return messages.map((m, i) =>
    i === lastUser && png
      ? { role: m.role, content: [{ type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } }, { type: "text", text: m.content }] }
      : { role: m.role, content: m.content },
  );
}
