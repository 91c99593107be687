import type { Display } from "../geometry/Display.js";

/** Raw pixels of one display at native resolution: tightly packed RGBA, opaque. */
export interface Capture {
  readonly display: Display;
  /** Native pixel size; equals the display's logical size times its scale factor. */
  readonly width: number;
  readonly height: number;
  readonly channels: 4;
  readonly data: Buffer;
  /** Milliseconds spent grabbing and converting. */
  readonly ms: number;
  /** Of `ms`, the conversion to RGBA, where the source does it as a step of its own (nut-js; x11-shm converts as it copies). */
  readonly convertMs?: number;
  /** Which screen source produced it. */
  readonly source: string;
}
