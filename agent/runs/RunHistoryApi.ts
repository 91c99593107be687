import type { ComputerAction } from "../actions/ComputerAction.js";
import type { Display, Point } from "../geometry/Display.js";
import type { RunStatus, StepOutcome, StepTimings } from "./RunLogEntry.js";

/** A past (or running) run as the History screen lists it. */
export interface RunSummary {
  readonly runId: string;
  readonly task: string;
  readonly startedAt: string;
  /** Absent while the run is going, or when it crashed before its end line. */
  readonly status?: RunStatus;
  readonly reason?: string;
  readonly steps: number;
  readonly totalMs?: number;
  readonly dryRun: boolean;
}

/** One step as the panel shows it: the action in screen pixels, what happened, and the model's raw answer on demand. */
export interface RunStepView {
  readonly step: number;
  readonly at: string;
  readonly action?: ComputerAction;
  readonly point?: Point;
  readonly outcome: StepOutcome;
  readonly observation: string;
  readonly raw?: string;
  readonly policy?: { readonly verdict: "allow" | "confirm"; readonly reasons: readonly string[]; readonly confirmed?: boolean };
  readonly timings: StepTimings;
  /** The size of the step's screenshot in native pixels (the capture the model saw). */
  readonly capture: { readonly width: number; readonly height: number };
  /** Whether runScreenshot has an image for this step. */
  readonly hasScreenshot: boolean;
}

export interface RunDetail {
  readonly summary: RunSummary;
  /**
   * The display the run captured, so a client can place a step's screen point on its
   * screenshot: capture pixel = (point − display origin) × scaleFactor. Absent when the run
   * ended before its start line (it failed while loading the model).
   */
  readonly display?: Display;
  readonly steps: readonly RunStepView[];
}

/** Past runs, read from the run records (agent/runs): the History screen and the Task screen's timeline use these. */
export interface RunHistoryApi {
  /** Newest first. */
  listRuns(): Promise<RunSummary[]>;
  getRun(runId: string): Promise<RunDetail>;
  /** The step's screenshot with its action drawn on it, as PNG bytes. */
  runScreenshot(runId: string, step: number): Promise<{ png: Uint8Array }>;
  /** The run's self-contained HTML report (as `deskpilot report` writes it). */
  runReport(runId: string): Promise<{ html: string }>;
}
