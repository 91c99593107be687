import type { Capture } from "../ports/Capture.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { Clock } from "./Clock.js";

export interface SettleOptions {
  /** Give up waiting for a change after this long. */
  readonly timeoutMs: number;
  /** The pause between two captures (each capture takes its own time on top: ~20 ms at 1080p, ~80 ms at 4K). */
  readonly intervalMs: number;
  /** After a change, how long the screen must then hold still to count as settled; default: one interval. */
  readonly quietMs?: number;
  /** Fewer differing pixels than this is noise (a blinking caret), not a change. */
  readonly minChangedPixels: number;
}

/** Captures every 33 ms plus the capture's own time; settled once the changed screen held still for 100 ms. */
export const defaultSettle: SettleOptions = { timeoutMs: 2000, intervalMs: 33, quietMs: 100, minChangedPixels: 40 };

export interface Settled {
  /** Whether the screen changed from `before`. */
  readonly changed: boolean;
  /** The last capture: the screen as it settled, used as the next step's observation. */
  readonly capture: Capture;
  readonly ms: number;
}

/**
 * Waits until the screen has changed from `before` and then held still for `quietMs`, or until
 * the timeout, whichever comes first. `onNewScreen` is told of each capture that may be the one
 * it settles on (the first, and each that moved), while the wait for the next goes on.
 */
export async function settleScreen(
  screen: ScreenSource,
  before: Capture,
  clock: Clock,
  options: SettleOptions,
  signal?: AbortSignal,
  onNewScreen?: (capture: Capture) => void,
): Promise<Settled> {
  const started = clock.now();
  const quietMs = options.quietMs ?? options.intervalMs;
  let last = before;
  let changed = false;
  let lastMoved = started;
  for (;;) {
    await clock.sleep(options.intervalMs, signal);
    const now = await screen.capture(before.display.id);
    const moved = differingPixels(last, now, options.minChangedPixels) >= options.minChangedPixels;
    if (moved) lastMoved = clock.now();
    if (changed && !moved && clock.now() - lastMoved >= quietMs) return { changed, capture: now, ms: clock.now() - started };
    if (moved || last === before) onNewScreen?.(now);
    changed ||= differingPixels(before, now, options.minChangedPixels) >= options.minChangedPixels;
    last = now;
    if (clock.now() - started >= options.timeoutMs) return { changed, capture: now, ms: clock.now() - started };
  }
}

/** Pixels that differ between two captures of the same size (every pixel differs when sizes do), counting up to `enough`. */
export function differingPixels(a: Capture, b: Capture, enough = Infinity): number {
  if (a.width !== b.width || a.height !== b.height) return a.width * a.height;
  if (a.data.equals(b.data)) return 0; // the common case while waiting, at memcmp speed
  const pa = new Uint32Array(a.data.buffer, a.data.byteOffset, a.data.length >> 2);
  const pb = new Uint32Array(b.data.buffer, b.data.byteOffset, b.data.length >> 2);
  let n = 0;
  for (let i = 0; i < pa.length; i++) {
    if (pa[i] !== pb[i] && ++n >= enough) return n;
  }
  return n;
}
