import type { Capture } from "../../ports/Capture.js";
import type { ScreenSource } from "../../ports/ScreenSource.js";

interface Timed {
  readonly capture: Capture;
  /** performance.now() when the grab was requested. */
  readonly startedAt: number;
  /** performance.now() when it returned: the frame shows the screen no later than this. */
  readonly finishedAt: number;
}

/**
 * Captures one display over and over while recording, so a press can be paired with the screen
 * as it was just before it: a capture taken after the press already shows the pressed button,
 * the focus ring or an opened menu, which replay will not see.
 */
export class FrameTap {
  /**
   * Frames of the last `keepMs`, at most `maxFrames`, spread over that time: a press reaches us
   * from the hook's child process late (hundreds of ms on a busy machine), and a frame from
   * before it must still be here by then, or the press gets a capture taken after it.
   */
  private frames: Timed[] = [];
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly screen: ScreenSource,
    readonly displayId: string | undefined,
    private readonly gapMs = 40,
    private readonly keepMs = 1000,
    private readonly maxFrames = 12,
  ) {
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const startedAt = performance.now();
      try {
        const capture = await this.screen.capture(this.displayId);
        this.frames = thin(
          [...this.frames, { capture, startedAt, finishedAt: performance.now() }].filter((f) => startedAt - f.startedAt <= this.keepMs),
          this.maxFrames,
        );
      } catch {
        // A failed grab leaves the older frames; the press falls back to a capture of its own.
      }
      await new Promise((r) => setTimeout(r, this.gapMs));
    }
  }

  /**
   * The newest frame whose grab had returned by `time`, if it is recent enough to trust. A grab
   * that began before the press but returned after it may already show the press (a focus ring:
   * a loaded X server takes its time copying the screen), and its crop then fits the unpressed
   * element at only ~0.7 on replay.
   */
  frameBefore(time: number, maxAgeMs = 1000): Capture | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      if (f.finishedAt <= time) return time - f.startedAt <= maxAgeMs ? f.capture : undefined;
    }
    return undefined;
  }

  /** Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.frames = [];
  }
}

/** Drops frames (never the oldest or the newest) where they are densest until at most `max` remain, so the rest still span the time. */
function thin(frames: Timed[], max: number): Timed[] {
  const out = [...frames];
  while (out.length > Math.max(2, max)) {
    let drop = 1;
    let gap = Infinity;
    for (let i = 1; i < out.length - 1; i++) {
      const span = out[i + 1]!.startedAt - out[i - 1]!.startedAt;
      if (span < gap) {
        gap = span;
        drop = i;
      }
    }
    out.splice(drop, 1);
  }
  return out;
}
