import type { ComputerAction } from "../actions/ComputerAction.js";

/**
 * Notices a run that goes nowhere: the same action again and again with the screen unchanged,
 * or many steps in a row that change nothing at all.
 */
export class RepeatDetector {
  private lastKey: string | undefined;
  private repeats = 0;
  private still = 0;

  constructor(
    /** The same action this many times in a row, screen unchanged each time, is no progress. */
    readonly maxRepeats = 3,
    /** This many steps in a row that leave the screen unchanged is no progress. */
    readonly maxUnchanged = 6,
  ) {}

  /** Records an executed action; returns why the run makes no progress, or undefined. */
  record(action: ComputerAction, screenChanged: boolean): string | undefined {
    const key = actionKey(action);
    this.repeats = key === this.lastKey && !screenChanged ? this.repeats + 1 : screenChanged ? 0 : 1;
    this.lastKey = key;
    this.still = screenChanged ? 0 : this.still + 1;
    if (this.repeats >= this.maxRepeats) return `the same action (${key}) ${this.repeats} times in a row without the screen changing`;
    if (this.still >= this.maxUnchanged) return `${this.still} steps in a row without the screen changing`;
    return undefined;
  }

  /** Whether the next identical action would be a repeat (to warn the model first). */
  get repeating(): boolean {
    return this.repeats >= 1 && this.repeats < this.maxRepeats;
  }
}

/** An action as a comparable string; coordinates within 8 px count as the same place. */
export function actionKey(action: ComputerAction): string {
  const a = { ...action } as Record<string, unknown>;
  if (Array.isArray(a["coordinate"])) a["coordinate"] = (a["coordinate"] as number[]).map((v) => Math.round(v / 8));
  return JSON.stringify(a);
}
