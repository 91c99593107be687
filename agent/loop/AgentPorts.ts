import type { ComputerAction } from "../actions/ComputerAction.js";
import type { Capture } from "../ports/Capture.js";
import type { TokenBounds } from "../frames/TokenBounds.js";
import type { InputDriver } from "../ports/InputDriver.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { SafetyPolicy } from "../policy/SafetyPolicy.js";
import type { TargetInspector } from "../policy/TargetInfo.js";
import type { RunRecord } from "../runs/RunStore.js";
import type { RunStatus, StepEntry } from "../runs/RunLogEntry.js";
import type { Clock } from "./Clock.js";
import type { Decider } from "./Decider.js";
import type { RunControl } from "./RunControl.js";
import { defaultSettle, type SettleOptions } from "./settleScreen.js";
import type { StepPhase } from "./stepPhases.js";

/** A request to the user to allow one risky action. */
export interface ConfirmRequest {
  readonly step: number;
  readonly action: ComputerAction;
  readonly reasons: readonly string[];
  readonly signal: AbortSignal;
}

/** Everything the loop acts through, injected: the loop itself touches no device, model or file. */
export interface AgentPorts {
  readonly screen: ScreenSource;
  readonly input: InputDriver;
  readonly decider: Decider;
  readonly clock: Clock;
  readonly record: RunRecord;
  readonly control: RunControl;
  /** Asks the user; resolves false for "no" (or when no one can answer). */
  readonly confirm: (request: ConfirmRequest) => Promise<boolean>;
  readonly inspector?: TargetInspector;
  /** Checked before every input event: a reason to stop (the fail-safe corner), or undefined. */
  readonly failSafe?: () => Promise<string | undefined>;
  readonly onStep?: (entry: StepEntry) => void;
  /** Told as each phase of a step begins (what the panel shows as "asking the model 3.7 s"). */
  readonly onPhase?: (phase: StepPhase, step: number) => void;
  /** Told of each screen the loop has captured anyway (a step's observation, the settled screen): the live view. */
  readonly onFrame?: (capture: Capture, step: number) => void;
}

export interface AgentOptions {
  readonly runId: string;
  readonly task: string;
  readonly maxSteps: number;
  readonly dryRun: boolean;
  readonly displayId?: string;
  readonly policy: SafetyPolicy;
  readonly bounds: TokenBounds;
  readonly stepTimeoutMs: number;
  readonly runTimeoutMs: number;
  readonly maxConsecutiveFailures: number;
  readonly maxRepeats: number;
  readonly maxUnchangedSteps: number;
  readonly historyEntries: number;
  readonly historyScreenshots: number;
  readonly settle: SettleOptions;
  /** The CPU-only defaults this run got, in words (cpuRunDefaults); recorded with its settings. */
  readonly cpuDefaults?: readonly string[];
}

/**
 * The loop's limits, one copy for every caller that starts runs (the app service, `deskpilot run`,
 * the benchmarks). A step may take 180 s: one 4096-token screenshot on a CPU-only machine takes
 * minutes (README, "Engine speed"). A run stops after an hour.
 */
export const RUN_LIMITS = {
  stepTimeoutMs: 180_000,
  runTimeoutMs: 60 * 60_000,
  maxConsecutiveFailures: 3,
  maxRepeats: 3,
  maxUnchangedSteps: 6,
  historyEntries: 40,
  historyScreenshots: 2,
} as const satisfies Partial<AgentOptions>;

/**
 * The one defaults object of a run: the limits, the step budget and the settle check. A front end
 * adds only what it chooses (the policy, the token bounds, the display); a run's own options win.
 */
export const defaultAgentOptions = { maxSteps: 50, dryRun: false, settle: defaultSettle, ...RUN_LIMITS } as const satisfies Partial<AgentOptions>;

/** What a front end must give every run beyond defaultAgentOptions, which it may still override. */
export type RunDefaults = Omit<AgentOptions, "runId" | "task" | keyof typeof defaultAgentOptions> &
  Partial<Pick<AgentOptions, keyof typeof defaultAgentOptions>>;

export interface RunResult {
  readonly runId: string;
  readonly status: RunStatus;
  readonly reason: string;
  readonly steps: number;
  readonly dir?: string;
}
