import type { ScreenSource } from "../ports/ScreenSource.js";
import { askAboutImage, type AskResult } from "./askAboutImage.js";
import type { FrameAnswerer } from "./FrameAnswerer.js";
import type { GroundResult } from "./Grounder.js";
import type { SourceImage } from "../frames/SourceImage.js";
import type { GroundMode } from "../profiles/GroundCandidate.js";
import type { GroundingPromptKind } from "./GroundingPromptKind.js";
import { ModelGrounder } from "./ModelGrounder.js";
import { sourceFromCapture } from "../frames/sourceImages.js";

/** Which image: a given one, or a fresh capture of a display (the primary when no id is given). */
export interface ImageChoice {
  readonly image?: SourceImage;
  readonly displayId?: string;
}

export type GroundRequest = ImageChoice & { query: string; mode?: GroundMode; zoom?: boolean | "auto"; prompt?: GroundingPromptKind; signal?: AbortSignal };
export type AskRequest = ImageChoice & { question: string; maxTokens?: number; signal?: AbortSignal; onToken?: (text: string) => void };

/** The grounding slice's API, for DeskPilotService to extend (docs/design.md §1). */
export interface GroundingApi {
  ground(request: GroundRequest): Promise<GroundResult>;
  ask(request: AskRequest): Promise<AskResult>;
}

/**
 * The grounding slice of the app service (docs/design.md §1): ground and ask, on an image or a fresh
 * capture. The CLI, the control panel and the agent loop call these same methods. It owns the answerer.
 */
export class GroundingService implements GroundingApi {
  private readonly grounder: ModelGrounder;

  constructor(
    private readonly screen: ScreenSource,
    readonly answerer: FrameAnswerer,
  ) {
    this.grounder = new ModelGrounder(answerer);
  }

  /** Where the described element is, in image pixels and, for a capture, on the screen. */
  async ground(request: GroundRequest): Promise<GroundResult> {
    return this.grounder.ground(await this.pick(request), request.query, request);
  }

  /** An answer about what is shown, streamed through `onToken`, with the elements it names placed. */
  async ask(request: AskRequest): Promise<AskResult> {
    return askAboutImage(this.answerer, await this.pick(request), request.question, request);
  }

  dispose(): Promise<void> {
    return this.answerer.dispose();
  }

  private async pick(choice: ImageChoice): Promise<SourceImage> {
    return choice.image ?? sourceFromCapture(await this.screen.capture(choice.displayId));
  }
}
