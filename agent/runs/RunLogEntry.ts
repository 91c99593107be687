import type { ComputerAction } from "../actions/ComputerAction.js";
import type { Display, Point } from "../geometry/Display.js";

/** How a run ended: `terminate` with its status, or why the loop stopped it. */
export type RunStatus = "success" | "failure" | "stopped" | "budget" | "no-progress" | "timeout" | "error";

/** What happened to a step's action. */
export type StepOutcome = "done" | "failed" | "refused" | "dry-run" | "terminate";

export interface StepTimings {
  readonly captureMs: number;
  readonly prepareMs: number;
  readonly modelMs: number;
  readonly policyMs: number;
  readonly confirmMs: number;
  readonly actMs: number;
  readonly settleMs: number;
  readonly totalMs: number;
}

/**
 * An unannotated picture of the screen around a step's point, taken before the action: a PNG
 * (relative to the run folder) showing `rect`, native pixels of `display`'s capture.
 */
export interface TargetImage {
  readonly file: string;
  readonly display: Display;
  readonly rect: { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
}

/** One line of a run's JSONL log. The log is append-only: a crashed run leaves every finished line readable. */
export type RunLogEntry =
  | {
      readonly type: "run-start";
      readonly runId: string;
      readonly task: string;
      readonly startedAt: string;
      readonly settings: Record<string, unknown>;
      readonly display: Display;
    }
  | {
      readonly type: "step";
      readonly step: number;
      readonly at: string;
      /** PNG of the screen the model saw, relative to the run folder, with the action drawn on it. */
      readonly screenshot?: string;
      readonly capture: { readonly width: number; readonly height: number };
      readonly frame: { readonly width: number; readonly height: number };
      readonly raw?: string;
      /** The parsed action in model-frame pixels. */
      readonly action?: ComputerAction;
      /** The same action in global screen logical pixels. */
      readonly screenAction?: ComputerAction;
      readonly point?: Point;
      readonly policy?: {
        readonly verdict: "allow" | "confirm";
        readonly reasons: readonly string[];
        readonly confirmed?: boolean;
        readonly target?: Record<string, unknown>;
      };
      readonly outcome: StepOutcome;
      readonly observation: string;
      readonly error?: { readonly code: string; readonly message: string };
      readonly screenChanged?: boolean;
      /** The screen around `point` before the action, unannotated (acted steps with a point only): what saving the run as a macro crops its target from. */
      readonly targetImage?: TargetImage;
      /** The engine could not cut the context it kept from earlier steps (a recurrent model's state) and read the whole prompt again. */
      readonly rereadWholePrompt?: boolean;
      /** DeskPilot's own windows (the browser panel, global logical px) painted grey in this step's screenshot, unseen by the model. */
      readonly hidden?: readonly { readonly x: number; readonly y: number; readonly width: number; readonly height: number }[];
      readonly timings: StepTimings;
    }
  | { readonly type: "state"; readonly at: string; readonly state: string; readonly reason?: string }
  | {
      readonly type: "run-end";
      readonly at: string;
      readonly status: RunStatus;
      readonly reason: string;
      readonly steps: number;
      readonly totalMs: number;
      /** Steps that re-read the whole prompt because the kept context could not be cut, and what that means; absent when none did. */
      readonly rereads?: { readonly steps: number; readonly note: string };
    };

export type StepEntry = Extract<RunLogEntry, { type: "step" }>;
