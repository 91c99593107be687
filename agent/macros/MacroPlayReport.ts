import type { Point } from "../geometry/Display.js";
import { median } from "../stats/median.js";

/** What happened to one step of a replay. */
export interface MacroStepReport {
  /** 1-based, as `macro show` numbers steps. */
  readonly step: number;
  readonly kind: string;
  readonly summary: string;
  readonly outcome: "done" | "failed" | "refused";
  /** Where each target was found (the drag's end second). */
  readonly located?: readonly {
    readonly point: Point;
    readonly method: "template" | "grounder" | "recorded";
    readonly confidence?: number;
    readonly among?: number;
    readonly chosenBy?: string;
    readonly ms: number;
  }[];
  /** Whether the screen changed after the step (absent when not checked). */
  readonly changed?: boolean;
  /** Where it changed, global logical px: to tell a step's own effect from, say, a clock ticking elsewhere. */
  readonly changedRegion?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly reason?: string;
  /** Native size of the screen the step looked at (absent in fast mode). */
  readonly screen?: { readonly width: number; readonly height: number };
  /** Screenshot paths relative to the report folder (on failure: the screen as searched, and the recorded crop). */
  readonly screenshots?: readonly string[];
  readonly ms: number;
}

/** The outcome of a whole replay, as `macro play --json` prints it. */
export interface MacroPlayReport {
  readonly ok: boolean;
  readonly name: string;
  readonly fast: boolean;
  readonly steps: readonly MacroStepReport[];
  /** 1-based number of the step that stopped the replay. */
  readonly failedStep?: number;
  readonly reason?: string;
  readonly totalMs: number;
  readonly medianStepMs: number;
  /** Folder holding the run log and screenshots, when recorded to disk. */
  readonly dir?: string;
}

/** The median of step times, ms (0 for none). */
export function medianMs(steps: readonly MacroStepReport[]): number {
  return median(steps.map((s) => s.ms));
}
