import type { Grounder } from "../grounding/Grounder.js";
import type { Clock } from "../loop/Clock.js";
import type { SettleOptions } from "../loop/settleScreen.js";
import type { SafetyPolicy } from "../policy/SafetyPolicy.js";
import type { TargetInspector } from "../policy/TargetInfo.js";
import type { InputDriver } from "../ports/InputDriver.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { RunRecord } from "../runs/RunStore.js";
import type { Point, Rect } from "../geometry/Display.js";
import type { ComputerAction } from "../actions/ComputerAction.js";
import type { MacroStepReport } from "./MacroPlayReport.js";
import type { MacroStep } from "./MacroSchema.js";

/** A request to allow one risky macro action (the same policy as the agent loop). */
export interface MacroConfirmRequest {
  readonly step: number;
  readonly action: ComputerAction;
  readonly reasons: readonly string[];
  readonly signal?: AbortSignal;
}

/** Everything a replay acts through, injected: the player itself touches no device or file. */
export interface MacroPlayPorts {
  readonly screen: ScreenSource;
  readonly input: InputDriver;
  readonly clock: Clock;
  /** Fallback when template matching is weak. */
  readonly grounder?: Grounder;
  /** Run log and screenshots, in the agent loop's format. */
  readonly record?: RunRecord;
  /** Asks the user; without it, an action the policy flags is refused and the replay stops. */
  readonly confirm?: (request: MacroConfirmRequest) => Promise<boolean>;
  readonly inspector?: TargetInspector;
  /** Checked before every input event: a reason to stop (the fail-safe corner, a stop hotkey), or undefined. */
  readonly failSafe?: () => Promise<string | undefined>;
  /** Waits while paused; throws once stopped (RunControl.checkpoint). Called before every input event. */
  readonly checkpoint?: () => Promise<void>;
  /** The window frame under a point now (global logical px): where several places match a crop equally, the one at its recorded place in its window. */
  readonly windowAt?: (p: Point) => Rect | undefined;
  /** A step is about to start (1-based), before any waiting, finding or input. */
  readonly onStepStart?: (step: number, macroStep: MacroStep) => void;
  readonly onStep?: (report: MacroStepReport) => void;
}

export interface MacroPlayOptions {
  readonly variables?: Readonly<Record<string, string>>;
  /** Replay recorded coordinates: no matching, no verification. */
  readonly fast?: boolean;
  readonly signal?: AbortSignal;
  readonly policy: SafetyPolicy;
  readonly minConfidence?: number;
  readonly settle?: SettleOptions;
  readonly runId?: string;
}
