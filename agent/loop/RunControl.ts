import { RunStoppedError } from "./errors/RunStoppedError.js";

export type ControlState = "running" | "paused" | "stopped";

/**
 * Pause, resume and stop for one run. Stop aborts `signal`, which cancels generation, settle
 * waits and confirmations at once; the loop calls `checkpoint()` before every input event, so
 * nothing is sent after a stop and nothing while paused.
 */
export class RunControl {
  private readonly abort = new AbortController();
  private paused = false;
  private wake: (() => void) | undefined;
  private stopReason: string | undefined;
  private readonly listeners = new Set<(state: ControlState) => void>();

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get state(): ControlState {
    return this.stopReason !== undefined ? "stopped" : this.paused ? "paused" : "running";
  }

  get reason(): string | undefined {
    return this.stopReason;
  }

  /** Calls `listener` on every change of state; returns the unsubscribe function. */
  onChange(listener: (state: ControlState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pause(): void {
    if (this.state !== "running") return;
    this.paused = true;
    this.notify();
  }

  resume(): void {
    if (this.state !== "paused") return;
    this.paused = false;
    this.wake?.();
    this.notify();
  }

  /** Idempotent: the first reason wins. */
  stop(reason = "stopped by the user"): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.abort.abort(new RunStoppedError(reason));
    this.wake?.();
    this.notify();
  }

  /** Throws RunStoppedError once stopped; while paused, waits for resume or stop. */
  async checkpoint(): Promise<void> {
    while (this.paused && this.stopReason === undefined) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    if (this.stopReason !== undefined) throw new RunStoppedError(this.stopReason);
  }

  private notify(): void {
    for (const l of this.listeners) l(this.state);
  }
}
