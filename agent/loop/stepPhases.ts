import type { StepTimings } from "../runs/RunLogEntry.js";

/** A step's phases by the timing each one adds to (StepTimings), in the order a step goes through them. */
export const STEP_PHASES = {
  captureMs: "capturing",
  prepareMs: "preparing",
  modelMs: "asking-model",
  policyMs: "checking-target",
  confirmMs: "confirming",
  actMs: "acting",
  settleMs: "settling",
} as const satisfies Record<Exclude<keyof StepTimings, "totalMs">, string>;

/** What a step is doing now: the `run-phase` event's phase, and the key of its time in the step's timings. */
export type StepPhase = (typeof STEP_PHASES)[keyof typeof STEP_PHASES];

/** A run's phases: its model loading before the first step, then each step's. */
export type RunPhase = "loading-model" | StepPhase;
