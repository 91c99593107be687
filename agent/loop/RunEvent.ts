import type { ComputerAction } from "../actions/ComputerAction.js";
import type { Point } from "../geometry/Display.js";
import type { StepTimings } from "../runs/RunLogEntry.js";
import type { RunPhase } from "./stepPhases.js";

export type RunState = "idle" | "running" | "paused" | "stopping" | "finished";

/** What a run tells every client of the service: its state, its steps, its phases and its live frames (RunsController). */
export type RunEvent =
  | { type: "run-state"; runId: string; state: RunState; reason?: string; status?: string; dir?: string }
  | {
      type: "run-step";
      runId: string;
      step: number;
      /** The action in global screen logical pixels; absent when the model's answer was unusable. */
      action?: ComputerAction;
      point?: Point;
      screenshot?: string;
      /** done | failed | refused | dry-run | terminate, and what the model is told about it next step. */
      outcome?: string;
      observation?: string;
      ms?: number;
      /** Where the step's time went, as the run report shows it. */
      timings?: StepTimings;
    }
  /**
   * What a run does now, sent as each phase begins: `loading-model` before its first step when its
   * model is not loaded yet, then each step's phases. A client times the phase from when it heard it.
   */
  | { type: "run-phase"; runId: string; phase: RunPhase; step?: number; /** loading-model: the model file and its size, when known. */ detail?: string }
  /** The screen a run works on, from a capture its step made anyway: a small JPEG data URL, at most about 2 a second. */
  | { type: "run-frame"; runId: string; step: number; image: string; width: number; height: number };

export type RunEventOf<T extends RunEvent["type"]> = Extract<RunEvent, { type: T }>;
