import type { Capture } from "../ports/Capture.js";
import { defaultLiveFrameOptions, encodeLiveFrame, type LiveFrame, type LiveFrameOptions } from "../capture/encodeLiveFrame.js";

export interface LiveFrameStreamOptions extends LiveFrameOptions {
  /** Time between two frames sent, ms (500: at most 2 a second). */
  readonly minIntervalMs: number;
}

/**
 * A run's live view: the captures its steps take anyway, sent downscaled and at a low rate. It
 * captures nothing itself; it holds at most the newest capture not sent yet (an older one is
 * dropped) and encodes one at a time, so a fast run costs neither memory nor a busy CPU.
 */
export class LiveFrameStream {
  private pending: { capture: Capture; step: number } | undefined;
  private encoding = false;
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly send: (frame: LiveFrame & { step: number }) => void,
    private readonly options: LiveFrameStreamOptions = { ...defaultLiveFrameOptions, minIntervalMs: 500 },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Offers the screen step `step` works on now; it is sent when the rate allows, unless a newer one comes first. */
  push(capture: Capture, step: number): void {
    if (this.disposed) return;
    this.pending = { capture, step };
    this.pump();
  }

  /** Sends nothing more and lets go of the capture held. Idempotent. */
  dispose(): void {
    this.disposed = true;
    this.pending = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.disposed || this.encoding || this.timer || !this.pending) return;
    const wait = this.lastSent + this.options.minIntervalMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      this.timer.unref?.();
      return;
    }
    const { capture, step } = this.pending;
    this.pending = undefined;
    this.encoding = true;
    this.lastSent = this.now();
    void encodeLiveFrame(capture, this.options)
      .then(
        (frame) => void (frame && !this.disposed && this.send({ ...frame, step })),
        () => undefined,
      ) // a frame is never worth failing a run over
      .finally(() => {
        this.encoding = false;
        this.pump();
      });
  }
}
