import type { ComputerAction } from "../actions/ComputerAction.js";
import type { FrameSize } from "../geometry/frameMapping.js";
import type { GroundCandidate, GroundMode } from "./GroundCandidate.js";
import type { ParsedAnswer } from "./qwen25vl/parseGroundingAnswer.js";
import type { HistoryEntry } from "./HistoryEntry.js";
import type { ToolCallKind } from "./qwen25vl/toolCallGrammar.js";
import type { ChatMessage } from "../vision/VisionModel.js";
import type { FrameGrid } from "../geometry/frameGrid.js";
import type { CoordinateSpace } from "./coordinateSpace.js";

/** The model families DeskPilot knows (their profiles): what each one sees, reads and writes. */
export const PROFILE_IDS = ["qwen2.5-vl", "ui-tars-1.5", "qwen3-vl", "gui-owl-1.5", "mai-ui"] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

/** One step's prompt for an engine that keeps no context (remote endpoints): the screenshot goes with the last user message. */
export interface StepPromptInput {
  readonly task: string;
  /** The frame the screenshot was resized to (the model's pixels). */
  readonly frame: FrameSize;
  /** The space the model's coordinates are in (for the prompt's screen size and for writing past actions back). */
  readonly coordinates: CoordinateSpace;
  readonly history: readonly HistoryEntry[];
  readonly omitted: number;
  /** The model's own raw answers by step, where the decider kept them (history in the model's own words). */
  readonly answers?: ReadonlyMap<number, string>;
}

/** One turn of a kept-context conversation, as StepConversation holds it. */
export interface ConversationTurn {
  readonly step: number;
  /** Whether this turn's screenshot is still in view (its IMAGE_MARKER goes in the turn's user message). */
  readonly showsScreenshot: boolean;
  /** The model's answer; undefined for the turn being asked now. */
  readonly answer?: string;
  /** What came of the previous step (undefined for the first turn). */
  readonly previous?: HistoryEntry;
}

/** Everything a profile needs to lay out a kept-context conversation. */
export interface ConversationView {
  readonly task: string;
  readonly frame: FrameSize;
  readonly coordinates: CoordinateSpace;
  /** The steps before this conversation began (after a restart), as text. */
  readonly base: { readonly history: readonly HistoryEntry[]; readonly omitted: number };
  readonly turns: readonly ConversationTurn[];
}

/**
 * A model family (docs/design.md §4): the grid its vision encoder sees frames on, the coordinate space it
 * answers in, its computer-use chat, the answer parser into our ComputerAction, the grammar for
 * local generation, and the same for grounding. Every path that prepares a frame, asks a model or
 * reads an answer (local engine, remote endpoint, grounding, ask, eval, the loop, macros' model
 * fallback) reads it from here; adding a family is one more of these plus its parser.
 * Parsers return model-frame pixels whatever space the model answered in; they throw
 * InvalidActionError (actions) or GroundingAnswerError (grounding) with the reason.
 */
export interface ModelProfile {
  readonly id: ProfileId;
  readonly title: string;
  /** The vision encoder's grid: frames are multiples of patch × merge (28 Qwen2.5-VL, 32 Qwen3-VL). */
  readonly grid: FrameGrid;
  /** The coordinate space the family answers in unless an endpoint is set otherwise. */
  readonly defaultCoordinates: CoordinateSpace;
  readonly computerUse: {
    /** The chat for one step without a kept context. */
    messages(input: StepPromptInput): ChatMessage[];
    /** The kept-context conversation's messages, one IMAGE_MARKER per turn that shows its screenshot; undefined: StepConversation's own (Qwen's) layout. */
    readonly conversation?: (view: ConversationView) => ChatMessage[];
    /** GBNF for local generation, or undefined for none (`kinds` narrows Qwen's tool call for benchmarks). */
    grammar(frame: FrameSize, coordinates: CoordinateSpace, kinds?: readonly ToolCallKind[]): string | undefined;
    /** Tokens to allow for one answer. */
    readonly maxTokens: number;
    /** A raw answer → one action in model-frame pixels. */
    parse(raw: string, frame: FrameSize, coordinates: CoordinateSpace): ComputerAction;
  };
  readonly grounding: {
    messages(query: string, mode: GroundMode): ChatMessage[];
    grammar(frame: FrameSize, mode: GroundMode, coordinates: CoordinateSpace): string | undefined;
    maxTokens(mode: GroundMode): number;
    /** Every place a free answer (`deskpilot ask`) names, in the model's own space, unranked and unchecked. */
    candidates(raw: string): GroundCandidate[];
    /** A raw answer → candidates in model-frame pixels, best first. */
    parse(raw: string, frame: FrameSize, coordinates: CoordinateSpace, query?: string): ParsedAnswer;
  };
}
