import type { FrameSize } from "../geometry/frameMapping.js";
import type { PreparedFrame } from "../frames/PreparedFrame.js";
import { IMAGE_MARKER, type ChatMessage } from "../vision/VisionModel.js";
import { ONE_OFF_TOKENS, PROMPT_TEXT_TOKENS, TURN_TEXT_TOKENS } from "../vision/contextBudget.js";
import { plainPromptText } from "../vision/plainPromptText.js";
import { computerUseSystemPrompt, FIRST_ASK, historyCallJson, historyCallText, toolResponseText } from "../profiles/qwen25vl/computerUsePrompt.js";
import type { DecideRequest } from "./Decider.js";
import type { HistoryEntry } from "../profiles/HistoryEntry.js";
import { answerFrame, type CoordinateSpace } from "../profiles/coordinateSpace.js";
import type { ConversationView } from "../profiles/ModelProfile.js";

/** One decided step in the conversation: the screen the model saw and what it answered. */
interface Turn {
  readonly step: number;
  /** Dropped once the turn's screenshot leaves the window for good (a run keeps no more pixels than it shows). */
  screenshot: PreparedFrame | undefined;
  answer?: string;
}

export interface StepConversationOptions {
  /** The engine's context size in tokens. */
  readonly contextSize: number;
  /** Tokens reserved for the answer. */
  readonly maxTokens: number;
  /** Turns after which the conversation starts over from a text summary, whatever the context holds. */
  readonly maxTurns?: number;
  /** The model profile's layout of the conversation (UI-TARS's); without it, Qwen2.5-VL's below. */
  readonly format?: (view: ConversationView) => ChatMessage[];
  /** The space the model's coordinates are in: the screen size the prompt declares, and how a format writes past actions back (default frame pixels). */
  readonly coordinates?: CoordinateSpace;
}

const NEXT_ASK = "The screenshot shows the screen now. Give the next action.";

/**
 * The agent run as one growing chat for an engine that keeps its context between requests
 * (docs/design.md §2): each step appends the last step's result, the new screenshot and the model's
 * answer, so the engine only encodes what is new. Screenshots older than the last few are
 * left out of the messages (the engine cuts them out of its context; their text stays), and
 * when the context would overflow, or the model frame changes, the conversation starts over
 * from a text summary of every past step — one full prefill, then flat steps again.
 *
 * The screenshot marker sits at the start of a line, so leaving it out leaves exactly the text
 * tokens the engine already holds around it.
 */
export class StepConversation {
  private turns: Turn[] = [];
  private base: { history: readonly HistoryEntry[]; omitted: number } = { history: [], omitted: 0 };
  private frame: FrameSize | undefined;
  private heldTokens = 0;
  private restarts = 0;

  constructor(
    private readonly task: string,
    private readonly options: StepConversationOptions,
  ) {}

  /** How many times the conversation started over from a summary (for benchmarks and logs). */
  get restartCount(): number {
    return this.restarts;
  }

  /** Screenshots the conversation still holds in memory (at most the ones it shows). */
  get heldScreenshots(): number {
    return this.turns.filter((t) => t.screenshot).length;
  }

  /** The chat and its images for the step `request` asks about. */
  next(request: DecideRequest): { messages: ChatMessage[]; images: PreparedFrame[] } {
    const step = request.omitted + request.history.length + 1;
    const { frame } = request.screenshot;
    const keep = this.screenshotsToShow(request, frame.tokens);
    const sameFrame = this.frame?.width === frame.width && this.frame?.height === frame.height;
    // The screenshots that leave the window with this step are cut out of the engine's context
    // before it decodes the new one, so their tokens are room for it.
    const freed = sameFrame ? this.leaving(keep) * frame.tokens : 0;
    const expected = this.heldTokens - freed + TURN_TEXT_TOKENS + frame.tokens + this.options.maxTokens;
    if (this.turns.length > 0 && (!sameFrame || expected > this.options.contextSize || this.turns.length >= (this.options.maxTurns ?? 40))) {
      this.restart(request);
    }
    if (this.turns.length === 0) {
      this.base = { history: request.history, omitted: request.omitted };
      this.frame = { width: frame.width, height: frame.height };
    }
    this.turns.push({ step, screenshot: request.screenshot });
    return this.render(request.history, keep);
  }

  /** Records the model's answer to the step last asked about, and what the engine now holds. */
  answered(text: string, result: { promptTokens: number; contextTokens?: number; generatedTokens: number }): void {
    const turn = this.turns.at(-1);
    if (turn) turn.answer = text;
    this.heldTokens = (result.contextTokens ?? result.promptTokens) + result.generatedTokens;
  }

  /** Starts over from a text summary at the next step (after the engine refused the context, for example). */
  restart(request?: DecideRequest): void {
    this.turns = [];
    this.heldTokens = 0;
    this.restarts++;
    if (request) this.base = { history: request.history, omitted: request.omitted };
  }

  /**
   * The window: the current and past screenshots the request offers, as many as the context holds
   * beside the system prompt, the answer and a one-off request (contextBudget, which sizes the
   * automatic context for the same window).
   */
  private screenshotsToShow(request: DecideRequest, imageTokens: number): number {
    const wanted = request.pastScreenshots.length + 1;
    const free = this.options.contextSize - this.options.maxTokens - PROMPT_TEXT_TOKENS - ONE_OFF_TOKENS;
    const room = Math.floor(free / (Math.max(1, imageTokens) + TURN_TEXT_TOKENS));
    return Math.max(1, Math.min(wanted, room));
  }

  /** Shown screenshots that fall out of a window of `keep` once the next turn is added. */
  private leaving(keep: number): number {
    const firstShown = this.turns.length + 1 - keep;
    return this.turns.filter((t, i) => i < firstShown && t.screenshot).length;
  }

  private render(history: readonly HistoryEntry[], keep: number): { messages: ChatMessage[]; images: PreparedFrame[] } {
    const frame = this.frame!;
    const results = new Map(history.map((h) => [h.step, h]));
    if (this.options.format) return this.renderAs(this.options.format, results, keep);
    // A relative-1000 model (Qwen2-VL, Qwen3-VL) is told a 1000×1000 screen, the space it answers in.
    const messages: ChatMessage[] = [{ role: "system", content: computerUseSystemPrompt(answerFrame(frame, this.options.coordinates ?? "frame-pixels")) }];
    const images: PreparedFrame[] = [];
    const firstShown = this.turns.length - keep;
    this.turns.forEach((turn, i) => {
      // The window only moves forward (the frame, and so the room, is fixed for a conversation).
      if (i < firstShown) turn.screenshot = undefined;
      const marker = i >= firstShown && turn.screenshot ? IMAGE_MARKER : "";
      if (marker) images.push(turn.screenshot!);
      // Qwen-Agent's layout: the assistant turn is the call the model wrote; its result comes back
      // as a `<tool_response>` user turn; the new screenshot and the ask are the user turn after it.
      if (i === 0) messages.push({ role: "user", content: [...this.summary(), `${marker}Step ${turn.step}: ${FIRST_ASK}`].join("\n") });
      else {
        const result = results.get(this.turns[i - 1]!.step);
        messages.push({ role: "user", content: toolResponseText(result ? result.observation : "not recorded") });
        messages.push({ role: "user", content: `${marker}Step ${turn.step}: ${NEXT_ASK}` });
      }
      if (i < this.turns.length - 1) {
        const recorded = results.get(turn.step)?.action;
        messages.push({
          role: "assistant",
          content: turn.answer !== undefined ? plainPromptText(turn.answer) : recorded !== undefined ? historyCallText(recorded) : "(no answer)",
        });
      }
    });
    return { messages, images };
  }

  /** The same window and images as render(), laid out by the profile's format. */
  private renderAs(
    format: (view: ConversationView) => ChatMessage[],
    results: ReadonlyMap<number, HistoryEntry>,
    keep: number,
  ): { messages: ChatMessage[]; images: PreparedFrame[] } {
    const images: PreparedFrame[] = [];
    const firstShown = this.turns.length - keep;
    const turns = this.turns.map((turn, i) => {
      if (i < firstShown) turn.screenshot = undefined;
      const showsScreenshot = i >= firstShown && turn.screenshot !== undefined;
      if (showsScreenshot) images.push(turn.screenshot!);
      const previous = i > 0 ? results.get(this.turns[i - 1]!.step) : undefined;
      const answer = i < this.turns.length - 1 ? (turn.answer ?? results.get(turn.step)?.action ?? "(no answer)") : undefined;
      return { step: turn.step, showsScreenshot, ...(answer !== undefined ? { answer } : {}), ...(previous ? { previous } : {}) };
    });
    const messages = format({ task: this.task, frame: this.frame!, coordinates: this.options.coordinates ?? "frame-pixels", base: this.base, turns });
    return { messages, images };
  }

  /** The first user message's text: the task and what happened before this conversation began. */
  private summary(): string[] {
    const { history, omitted } = this.base;
    const lines = [`The user query: ${plainPromptText(this.task)}`, ""];
    if (history.length === 0 && omitted === 0) lines.push("No actions have been taken yet.");
    else {
      lines.push("Task progress (you have done the following operations on the current device):");
      if (omitted > 0) lines.push(`(${omitted} earlier steps not shown)`);
      for (const h of history) lines.push(`Step ${h.step}: ${historyCallJson(h.action)} -> ${plainPromptText(h.observation)}`);
    }
    lines.push("");
    return lines;
  }
}
