import type { Capture } from "../ports/Capture.js";
import type { Display, Rect } from "../geometry/Display.js";
import type { ScreenSource } from "../ports/ScreenSource.js";

/** The grey DeskPilot's own windows are painted in, in each colour channel (so BGRA and RGBA alike), opaque. */
export const BLANK_LEVEL = 128;

/**
 * A screen source whose captures have some regions (global logical px, e.g. the control panel's
 * browser windows, PanelWindows) painted flat grey: what the agent sees, records and saves has
 * no DeskPilot panel in it, so the model can neither read nor aim at its buttons.
 */
export class BlankedScreenSource implements ScreenSource {
  readonly name: string;

  constructor(
    private readonly inner: ScreenSource,
    private readonly regions: () => readonly Rect[],
  ) {
    this.name = inner.name;
  }

  listDisplays(): Promise<Display[]> {
    return this.inner.listDisplays();
  }

  async capture(displayId?: string): Promise<Capture> {
    return blank(await this.inner.capture(displayId), this.regions());
  }

  async captureAll(): Promise<Capture[]> {
    const regions = this.regions();
    return (await this.inner.captureAll()).map((c) => blank(c, regions));
  }
}

// Which regions (global logical px) each blanked capture has painted out, by its pixels: what the run record notes.
const hidden = new WeakMap<Buffer, readonly Rect[]>();

/** The regions painted out of `capture` by blank(); undefined when none were. */
export function hiddenRegions(capture: Capture): readonly Rect[] | undefined {
  return hidden.get(capture.data);
}

/** `capture` with each region's native pixels painted BLANK_LEVEL (a copy when any falls on it). */
export function blank(capture: Capture, regions: readonly Rect[]): Capture {
  const { display, width, height } = capture;
  const s = display.scaleFactor;
  const boxes = regions
    .map((r) => ({
      region: r,
      x0: Math.max(0, Math.floor((r.x - display.x) * s)),
      y0: Math.max(0, Math.floor((r.y - display.y) * s)),
      x1: Math.min(width, Math.ceil((r.x + r.width - display.x) * s)),
      y1: Math.min(height, Math.ceil((r.y + r.height - display.y) * s)),
    }))
    .filter((b) => b.x1 > b.x0 && b.y1 > b.y0);
  if (boxes.length === 0) return capture;
  const data = Buffer.from(capture.data);
  const opaqueGrey = Buffer.from([BLANK_LEVEL, BLANK_LEVEL, BLANK_LEVEL, 255]);
  for (const b of boxes) {
    for (let y = b.y0; y < b.y1; y++) data.fill(opaqueGrey, (y * width + b.x0) * 4, (y * width + b.x1) * 4);
  }
  hidden.set(
    data,
    boxes.map((b) => b.region),
  );
  return { ...capture, data };
}
