import type { ComputerAction } from "../actions/ComputerAction.js";
import type { RunPhase } from "./stepPhases.js";
import type { RunState } from "./RunEvent.js";

/** A run still going, as a client that (re)connects takes it over: its task, state, and the questions waiting for the user. */
export interface ActiveRun {
  readonly runId: string;
  readonly task: string;
  readonly state: RunState;
  readonly dryRun: boolean;
  /** Its open policy confirmations, oldest first: what its `confirm-request` events asked. */
  readonly confirms: readonly { readonly requestId: string; readonly action: ComputerAction; readonly reason: string }[];
  /** What it does now (its last `run-phase` event) and for how long already, ms. */
  readonly phase?: { readonly phase: RunPhase; readonly step?: number; readonly detail?: string; readonly elapsedMs: number };
  /** The screen it works on (its last `run-frame` event). */
  readonly frame?: { readonly step: number; readonly image: string; readonly width: number; readonly height: number };
}

/** The agent loop as the service offers it: start, pause, resume and stop runs, and what is running now. */
export interface RunsApi {
  startRun(task: string, options?: { maxSteps?: number; dryRun?: boolean }): Promise<{ runId: string }>;
  pauseRun(runId: string): Promise<void>;
  resumeRun(runId: string): Promise<void>;
  stopRun(runId: string): Promise<void>;
  runState(runId: string): Promise<RunState>;
  /** The runs not finished yet, with their open confirmations (a reloaded panel takes them over). */
  activeRuns(): Promise<ActiveRun[]>;
}
