import type { ScreenSource } from "../ports/ScreenSource.js";
import type { AskResult } from "./askAboutImage.js";
import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { Grounder, GroundResult } from "./Grounder.js";
import type { GroundingPromptKind } from "./GroundingPromptKind.js";
import { GroundingService, type AskRequest, type GroundingApi, type GroundRequest } from "./GroundingService.js";
import { ModelGrounder } from "./ModelGrounder.js";

/**
 * The grounding slice for the app: the answerer (the selected model) loads on first use, not
 * when the app starts; a failed load is reported to that caller and tried again on the next.
 */
export class LazyGroundingService implements GroundingApi {
  private loading: Promise<GroundingService> | undefined;
  /** The service once its answerer has loaded (and until disposed). */
  private loaded: GroundingService | undefined;
  private disposed = false;

  constructor(
    private readonly screen: ScreenSource,
    private readonly loadAnswerer: () => Promise<FrameAnswerer>,
    /** The prompt for requests that name none, read at each request (the `groundingPrompt` setting). */
    private readonly prompt?: () => Promise<GroundingPromptKind>,
  ) {}

  async ground(request: GroundRequest): Promise<GroundResult> {
    const prompt = request.prompt ?? (await this.prompt?.());
    return (await this.service()).ground(prompt ? { ...request, prompt } : request);
  }

  async ask(request: AskRequest): Promise<AskResult> {
    return (await this.service()).ask(request);
  }

  /** A Grounder over the same answerer (macro replay's fallback), so the app loads one model. */
  async grounder(): Promise<Grounder> {
    return new ModelGrounder((await this.service()).answerer);
  }

  /**
   * The answerer when the model has already loaded, else undefined; never starts a load. For
   * work that uses the model only when it is there anyway (naming a saved macro's targets).
   */
  loadedAnswerer(): FrameAnswerer | undefined {
    return this.loaded?.answerer;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const loading = this.loading;
    this.loading = undefined;
    this.loaded = undefined;
    await loading?.then((s) => s.dispose(), () => undefined);
  }

  private service(): Promise<GroundingService> {
    if (this.disposed) return Promise.reject(new Error("the grounding service is disposed"));
    this.loading ??= this.loadAnswerer().then(
      (answerer) => {
        const service = new GroundingService(this.screen, answerer);
        if (!this.disposed) this.loaded = service;
        return service;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }
}
