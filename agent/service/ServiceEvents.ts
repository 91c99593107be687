import type { ComputerAction } from "../actions/ComputerAction.js";
import type { Display, Point } from "../geometry/Display.js";
import type { PermissionGuidance } from "../permissions/PermissionGuidance.js";
import type { DownloadProgress } from "../models/DownloadProgress.js";
import type { RunPhase } from "../loop/stepPhases.js";
import type { StepTimings } from "../runs/RunLogEntry.js";
import type { ConfirmEvent } from "../policy/ConfirmEvent.js";

/** An error as it crosses a process or IPC boundary. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  /** A refused settings change's every issue, by setting path (INVALID_SETTING); the message lists them too. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

export type RunState = "idle" | "running" | "paused" | "stopping" | "finished";

/** Everything the service tells its clients (Electron renderer, WebSocket panel, CLI). */
export type ServiceEvent =
  | { type: "displays-changed"; displays: Display[] }
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
  | { type: "run-frame"; runId: string; step: number; image: string; width: number; height: number }
  /** A run's or a replay's confirmation: `source` says which asked (ConfirmBroker). */
  | ConfirmEvent
  /** A pull's progress: asking the hub (checking), bytes arriving, checking the files, installed. */
  | { type: "model-progress"; modelId: string; phase: DownloadProgress["phase"]; receivedBytes: number; totalBytes: number }
  /** What the OS still needs from the user (macOS privacy settings, a Wayland session); empty: nothing. */
  | { type: "permissions"; guidance: PermissionGuidance[] }
  | MacroEvent
  | { type: "error"; error: ErrorInfo };

/** What the macros slice is doing: `idle` after a replay carries its outcome. */
export type MacroActivity = "playing" | "recording" | "idle";

/** Replay and recording progress, for the Macros screen (emitted by LocalMacros through the service). */
export type MacroEvent =
  | {
      type: "macro-state";
      state: MacroActivity;
      /** The macro playing, or the one that just finished. */
      name?: string;
      /** How many steps the macro has. */
      steps?: number;
      /** The replay's run record, and the runId of its `confirm-request` events. */
      runId?: string;
      /** While recording: the stop key was pressed, so no more input is recorded; the recording waits for a name. */
      stopKeyPressed?: boolean;
      /** After a replay: whether every step was done, else which step stopped it and why. */
      ok?: boolean;
      failedStep?: number;
      reason?: string;
    }
  | {
      type: "macro-step";
      name: string;
      /** 1-based, of `steps`. */
      step: number;
      steps: number;
      kind: string;
      summary: string;
      /** `running` when the step starts; then what happened to it. */
      outcome: "running" | "done" | "failed" | "refused";
      reason?: string;
      /** How the first target was found, and how sure the match was. */
      method?: "template" | "grounder" | "recorded";
      confidence?: number;
      ms?: number;
    };

export type ServiceEventType = ServiceEvent["type"];
export type ServiceEventOf<T extends ServiceEventType> = Extract<ServiceEvent, { type: T }>;
