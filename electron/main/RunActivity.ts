import type { ServiceEvent } from "../../agent/service/ServiceEvents.js";
import type { RunState } from "../../agent/loop/RunEvent.js";

/** What DeskPilot is doing with the user's screen, summed over runs and macro replays. */
export type ActivityPhase = "idle" | "acting" | "paused" | "stopping";

export interface ActivitySnapshot {
  readonly phase: ActivityPhase;
  /** Runs that have not finished, with their state. */
  readonly runs: ReadonlyMap<string, Exclude<RunState, "finished" | "idle">>;
  /** Whether a macro replay is under way. */
  readonly macro: boolean;
}

export const IDLE: ActivitySnapshot = { phase: "idle", runs: new Map(), macro: false };

/**
 * Folds the service's run-state events and macro replay starts and ends into one snapshot, and
 * tells listeners when it changes. Pure bookkeeping: no Electron, so every transition is tested.
 */
export class RunActivity {
  private readonly runs = new Map<string, Exclude<RunState, "finished" | "idle">>();
  private replays = 0;
  private current: ActivitySnapshot = IDLE;
  private readonly listeners = new Set<(now: ActivitySnapshot, before: ActivitySnapshot) => void>();

  get snapshot(): ActivitySnapshot {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: (now: ActivitySnapshot, before: ActivitySnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Feeds one service event; only run-state events matter. */
  observe(event: ServiceEvent): void {
    if (event.type !== "run-state") return;
    if (event.state === "finished" || event.state === "idle") this.runs.delete(event.runId);
    else this.runs.set(event.runId, event.state);
    this.update();
  }

  macroStarted(): void {
    this.replays++;
    this.update();
  }

  macroEnded(): void {
    this.replays = Math.max(0, this.replays - 1);
    this.update();
  }

  private update(): void {
    const before = this.current;
    const runs = new Map(this.runs);
    const now: ActivitySnapshot = { phase: phaseOf([...runs.values()], this.replays > 0), runs, macro: this.replays > 0 };
    if (sameSnapshot(before, now)) return;
    this.current = now;
    for (const l of this.listeners) l(now, before);
  }
}

function phaseOf(states: readonly RunState[], macro: boolean): ActivityPhase {
  if (macro) return "acting";
  if (states.length === 0) return "idle";
  if (states.some((s) => s === "running")) return "acting";
  if (states.some((s) => s === "paused")) return "paused";
  return "stopping";
}

function sameSnapshot(a: ActivitySnapshot, b: ActivitySnapshot): boolean {
  if (a.phase !== b.phase || a.macro !== b.macro || a.runs.size !== b.runs.size) return false;
  for (const [id, state] of a.runs) if (b.runs.get(id) !== state) return false;
  return true;
}
