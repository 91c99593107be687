import type { RunPhase } from "../../../../agent/loop/stepPhases.js";
import type { StepTimings } from "../../../../agent/runs/RunLogEntry.js";

const LABELS: Record<RunPhase, string> = {
  "loading-model": "loading the model",
  capturing: "capturing the screen",
  preparing: "preparing the frame",
  "asking-model": "asking the model",
  "checking-target": "checking the target",
  confirming: "waiting for your answer",
  acting: "acting",
  settling: "waiting for the screen to settle",
};

/** What a run is doing, in words ("asking the model"). */
export function phaseLabel(phase: RunPhase): string {
  return LABELS[phase];
}

/** A phase's elapsed time, to a tenth of a second ("3.7 s"), so it visibly ticks. */
export function formatElapsed(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** The report's phase names, in a step's order (agent/runs/renderReport.ts). */
const TIMING_NAMES = [
  ["captureMs", "capture"],
  ["prepareMs", "prepare"],
  ["modelMs", "model"],
  ["policyMs", "policy"],
  ["confirmMs", "confirm"],
  ["actMs", "act"],
  ["settleMs", "settle"],
] as const satisfies readonly (readonly [Exclude<keyof StepTimings, "totalMs">, string])[];

/** A step's time by phase, as the report names them, leaving out the phases it did not go through (under half a millisecond). */
export function timingParts(timings: StepTimings): { name: string; ms: number }[] {
  return TIMING_NAMES.map(([key, name]) => ({ name, ms: timings[key] })).filter((p) => Math.round(p.ms) > 0);
}
