import sharp from "sharp";
import { ModelDisposedError } from "../../vision/errors/ModelDisposedError.js";
import { checkFrame } from "../../frames/checkFrame.js";
import { FRAME_FACTOR, type Frame } from "../../geometry/smartResize.js";
import type { ChatMessage, GenerateRequest, GenerateResult, VisionModel } from "../../vision/VisionModel.js";
import { RemoteModelError } from "../errors/RemoteModelError.js";
import { DEFAULT_TOKEN_BOUNDS, type TokenBounds } from "../../frames/TokenBounds.js";
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
 * (llama-server, vLLM, LM Studio): the scale-out path of docs/design.md §1. The image comes at its
 * frame and is sent as PNG, so the server must not resize it again. Whether it did is read from
 * the prompt tokens it reports: less the same request's text alone (counted once with a text-only
 * request, cached per prompt), that is what the image cost, and fewer tokens than the frame has
 * means a resize, which is an error. Frame sizes already seen whole are not checked again.
 */
export class OpenAiVisionModel implements VisionModel {
  readonly url: string;
  readonly bounds: TokenBounds;
  private readonly policy: RetryPolicy;
  private disposed = false;
  /** Text-only prompt tokens by prompt (the request's messages without the image). */
  private readonly textTokens = new Map<string, number>();
  /** The image-token range the server was seen to keep whole: frames inside it need no check. */
  private keptWhole: { min: number; max: number } | undefined;

  /** The grid the served model encodes on: its family's (`bounds.factor`), Qwen2.5-VL's 28 when not said. */
  get frameFactor(): number {
    return this.bounds.factor ?? FRAME_FACTOR;
  }

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
    if (image) checkFrame(image, this.frameFactor, 1, Number.MAX_SAFE_INTEGER);
    const png = image
      ? await sharp(image.rgb.data, { raw: { width: image.rgb.width, height: image.rgb.height, channels: 3 } })
          .png({ compressionLevel: 1 })
          .toBuffer()
      : undefined;
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
    const answer: ChatAnswer = streamed ? await readChatStream(res, this.url, request.onToken) : await readChatJson(res, this.url);
    if (request.onToken && !streamed) request.onToken(answer.text);
    if (image && answer.promptTokens !== undefined) await this.checkNotResized(image.frame, answer.promptTokens, body.messages, headers, request.signal);
    const totalMs = performance.now() - started;
    return {
      text: answer.text,
      stopReason: answer.finishReason === "length" ? "maxTokens" : "eog",
      promptTokens: answer.promptTokens ?? 0,
      imageTokens: image?.frame.tokens ?? 0,
      generatedTokens: 0,
      frame: image ? { width: image.frame.width, height: image.frame.height } : null,
      timings: { prepareMs, encodeMs: 0, prefillMs: 0, decodeMs: totalMs - prepareMs, totalMs },
    };
  }

  /**
   * Fails when the server encoded the image at fewer tokens than its frame has. The whole prompt
   * hides that (its text, ~900 tokens for a computer-use prompt, makes up the difference), so the
   * text's own count is taken from the same messages without the image.
   */
  private async checkNotResized(frame: Frame, promptTokens: number, messages: unknown[], headers: Record<string, string>, signal?: AbortSignal): Promise<void> {
    const kept = this.keptWhole;
    if (kept && frame.tokens >= kept.min && frame.tokens <= kept.max) return;
    let imageTokens = promptTokens;
    let how = `${promptTokens} prompt tokens in all`;
    if (promptTokens >= frame.tokens) {
      const text = await this.countTextTokens(stripImages(messages), headers, signal);
      if (text === undefined) return; // the server reports no usage for text alone: nothing to compare
      imageTokens = promptTokens - text;
      how = `${imageTokens} image tokens (${promptTokens} prompt tokens less ${text} for the text alone)`;
    }
    if (imageTokens < frame.tokens) {
      throw new RemoteModelError(
        "REMOTE_IMAGE_RESIZED",
        `${this.url} counted ${how} for an image whose ${frame.width}x${frame.height} frame is ${frame.tokens} tokens: the server resized the image itself, so its coordinates would be skewed. Let it keep images up to ${this.bounds.maxImageTokens} tokens (llama-server --image-max-tokens, vLLM --mm-processor-kwargs '{"max_pixels": ${this.bounds.maxImageTokens * 784}}') or lower --max-image-tokens.`,
      );
    }
    this.keptWhole = { min: Math.min(kept?.min ?? frame.tokens, frame.tokens), max: Math.max(kept?.max ?? frame.tokens, frame.tokens) };
  }

  /** The prompt tokens of `messages` (text only), asked once per prompt with a one-token request. */
  private async countTextTokens(messages: unknown[], headers: Record<string, string>, signal?: AbortSignal): Promise<number | undefined> {
    const key = JSON.stringify(messages);
    const cached = this.textTokens.get(key);
    if (cached !== undefined) return cached;
    const res = await postWithRetry(
      this.url,
      { model: this.options.model, messages, max_tokens: 1, temperature: 0, stream: false },
      headers,
      this.policy,
      signal,
    );
    const count = (await readChatJson(res, this.url)).promptTokens;
    if (count === undefined) return undefined;
    if (this.textTokens.size >= 64) this.textTokens.delete(this.textTokens.keys().next().value!);
    this.textTokens.set(key, count);
    return count;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** OpenAI's message shape; the image goes first in the last user message, as Qwen's template places it (alone when that message has no text: UI-TARS's screenshot turns). */
function toOpenAiMessages(messages: readonly ChatMessage[], png: Buffer | undefined): unknown[] {
  const lastUser = messages.map((m) => m.role).lastIndexOf("user");
  return messages.map((m, i) =>
    i === lastUser && png
      ? {
          role: m.role,
          content: [
            { type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
            ...(m.content ? [{ type: "text", text: m.content }] : []),
          ],
        }
      : { role: m.role, content: m.content },
  );
}

/** The same messages with their image parts left out (what the text alone costs). */
function stripImages(messages: unknown[]): unknown[] {
  return messages.map((m) => {
    const msg = m as { role: string; content: unknown };
    if (!Array.isArray(msg.content)) return msg;
    const text = (msg.content as { type: string; text?: string }[])
      .filter((p) => p.type === "text")
      .map((p) => p.text ?? "")
      .join("");
    return { role: msg.role, content: text };
  });
}
