import type { ScreenSource } from "../ports/ScreenSource.js";
import type { AskResult } from "./askAboutImage.js";
import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { Grounder, GroundResult } from "./Grounder.js";
import type { GroundingPromptKind } from "./GroundingPromptKind.js";
import { GroundingService, type AskRequest, type GroundingApi, type GroundRequest } from "./GroundingService.js";
import { ModelGrounder } from "./ModelGrounder.js";

/** Where the grounding slice's answers come from: the app's one model, borrowed per request. */
export interface AnswererSource {
  /** An answerer over the model the settings select, loading it when needed; `dispose()` gives it back (the model stays loaded). */
  borrow(signal?: AbortSignal): Promise<FrameAnswerer>;
  /** An answerer when the model has loaded already, else undefined; never starts a load. */
  loaded(): FrameAnswerer | undefined;
}

/**
 * The grounding slice for the app: the model loads on first use, not when the app starts, and
 * is borrowed for each request from the app's one loaded model (runs use the same one), so a
 * settings change applies to the next request; a failed load is reported to that caller and
 * tried again on the next.
 */
export class LazyGroundingService implements GroundingApi {
  private disposed = false;

  constructor(
    private readonly screen: ScreenSource,
    private readonly answerers: AnswererSource,
    /** The prompt for requests that name none, read at each request (the `groundingPrompt` setting). */
    private readonly prompt?: () => Promise<GroundingPromptKind>,
  ) {}

  async ground(request: GroundRequest): Promise<GroundResult> {
    const prompt = request.prompt ?? (await this.prompt?.());
    return this.using(request.signal, (s) => s.ground(prompt ? { ...request, prompt } : request));
  }

  ask(request: AskRequest): Promise<AskResult> {
    return this.using(request.signal, (s) => s.ask(request));
  }

  /** A Grounder over the same model (macro replay's fallback), so the app loads one model; rejects when none can load. */
  async grounder(): Promise<Grounder> {
    await this.using(undefined, async () => undefined);
    return {
      ground: (image, query, options) => this.using(options?.signal, (s) => new ModelGrounder(s.answerer).ground(image, query, options)),
      dispose: async () => undefined,
    };
  }

  /**
   * An answerer when the model has already loaded, else undefined; never starts a load. For
   * work that uses the model only when it is there anyway (naming a saved macro's targets).
   */
  loadedAnswerer(): FrameAnswerer | undefined {
    return this.disposed ? undefined : this.answerers.loaded();
  }

  /** Stops serving; the app's model itself is unloaded by its owner. */
  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private async using<T>(signal: AbortSignal | undefined, work: (service: GroundingService) => Promise<T>): Promise<T> {
    if (this.disposed) throw new Error("the grounding service is disposed");
    const service = new GroundingService(this.screen, await this.answerers.borrow(signal));
    try {
      return await work(service);
    } finally {
      await service.dispose();
    }
  }
}
