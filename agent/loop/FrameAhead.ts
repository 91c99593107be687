import type { Capture } from "../ports/Capture.js";
import type { PreparedFrame } from "../frames/PreparedFrame.js";
import { prepareFrame } from "../frames/prepareFrame.js";
import { sourceFromCapture } from "../frames/sourceImages.js";
import type { TokenBounds } from "../frames/TokenBounds.js";

/**
 * A model frame prepared while the loop waits anyway (the settle wait between two captures), so
 * the next step finds it ready instead of spending its own time on it. It is used only for a
 * capture with exactly the same pixels as the one it was made from (the same frame the step
 * would have prepared); anything else is prepared afresh. One frame is kept at a time.
 */
export class FrameAhead {
  private pending: { readonly capture: Capture; readonly frame: Promise<PreparedFrame | undefined> } | undefined;

  constructor(
    private readonly bounds: () => TokenBounds,
    private readonly prepareNow: (capture: Capture, bounds: TokenBounds) => Promise<PreparedFrame> = (c, b) => prepareFrame(sourceFromCapture(c), b),
  ) {}

  /** Starts preparing `capture`'s frame in the background; a failure here is left for `prepare` to meet. */
  start(capture: Capture): void {
    if (this.pending?.capture === capture) return;
    // async, so that a capture refused at once (a size its display does not have) rejects here too
    const frame = (async () => this.prepareNow(capture, this.bounds()))().catch(() => undefined);
    this.pending = { capture, frame };
  }

  /** `capture`'s frame: the one started ahead when its pixels are the same, else prepared now. */
  async prepare(capture: Capture): Promise<PreparedFrame> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending && samePixels(pending.capture, capture)) {
      const frame = await pending.frame;
      if (frame) return frame;
    }
    return this.prepareNow(capture, this.bounds());
  }
}

/** Whether two captures are the same image of the same display: size and every byte (a memcmp: ~2 ms for a 4K frame). */
function samePixels(a: Capture, b: Capture): boolean {
  if (a === b) return true;
  return a.display.id === b.display.id && a.width === b.width && a.height === b.height && a.data.equals(b.data);
}
