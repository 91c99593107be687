import type { Clock } from "../../../../agent/loop/Clock.js";

/** Virtual time: sleeps advance `now` at once and resolve on the next turn, or reject when aborted. */
export class TestClock implements Clock {
  time = 0;
  sleeps = 0;
  /** Called on every sleep, before it resolves (to act "during" a settle wait). */
  onSleep?: (ms: number) => void;

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps++;
    this.time += ms;
    this.onSleep?.(ms);
    await new Promise((r) => setImmediate(r));
    signal?.throwIfAborted();
  }
}
