import type { ScreenSource } from "../ports/ScreenSource.js";
import type { Capture } from "../ports/Capture.js";
import type { Display } from "../geometry/Display.js";
import { physicalSize } from "../geometry/Display.js";
import { systemDisplays } from "../platform/systemDisplays.js";
import { selectDisplay } from "./selectDisplay.js";
import { CaptureError } from "../errors/CaptureError.js";
import { UnknownDisplayError } from "../errors/UnknownDisplayError.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";

/** Opaque RGBA pixels of one display, before they are wrapped into a Capture. */
export interface GrabbedPixels {
  data: Buffer;
  width: number;
  height: number;
  /** Of the grab, the milliseconds spent turning the source's pixels into RGBA, where that is a step of its own. */
  convertMs?: number;
}

/**
 * Shared frame for the screen sources: displays come from the OS listing (checked before
 * any native capture library is touched), each capture re-lists so an unplugged monitor is
 * reported instead of captured stale, and the result is checked against the expected size.
 */
export abstract class DisplayScreenSource implements ScreenSource {
  abstract readonly name: string;

  protected abstract grab(display: Display): Promise<GrabbedPixels>;

  /** One-time set-up (loading a native library) kept out of the timed capture. */
  protected async prepare(): Promise<void> {}

  async listDisplays(): Promise<Display[]> {
    return systemDisplays();
  }

  async capture(displayId?: string): Promise<Capture> {
    const displays = await this.listDisplays();
    return this.grabListed(selectDisplay(displays, displayId));
  }

  async captureAll(): Promise<Capture[]> {
    const displays = await this.listDisplays();
    const captures: Capture[] = [];
    for (const display of displays) captures.push(await this.grabListed(display));
    return captures;
  }

  /**
   * Captures a display that was listed earlier. It is looked up again first: grabbing the
   * area of an unplugged monitor would read outside the screen (on X11 a fatal error for
   * the process), and a monitor that moved or changed scale is captured as it is now.
   */
  async captureDisplay(display: Display): Promise<Capture> {
    const now = await this.listDisplays();
    const current = now.find((d) => d.id === display.id);
    if (!current)
      throw new UnknownDisplayError(
        display.id,
        now.map((d) => `${d.id} (${d.name})`),
        true,
      );
    return this.grabListed(current);
  }

  private async grabListed(display: Display): Promise<Capture> {
    await this.prepare();
    const started = performance.now();
    let pixels: GrabbedPixels;
    try {
      pixels = await this.grab(display);
    } catch (error) {
      if (error instanceof DeskPilotError) throw error;
      const now = await this.listDisplays().catch(() => []);
      if (!now.some((d) => d.id === display.id)) {
        throw new UnknownDisplayError(
          display.id,
          now.map((d) => d.id),
          true,
        );
      }
      throw new CaptureError(this.name, (error as Error).message, { cause: error });
    }
    const expected = physicalSize(display);
    if (pixels.width !== expected.width || pixels.height !== expected.height) {
      throw new CaptureError(
        this.name,
        `got ${pixels.width}x${pixels.height} pixels for display ${display.id}, which should be ` +
          `${expected.width}x${expected.height} (${display.width}x${display.height} at scale ${display.scaleFactor}); ` +
          "the display layout may have changed during the capture",
      );
    }
    return {
      display,
      width: pixels.width,
      height: pixels.height,
      channels: 4,
      data: pixels.data,
      ms: performance.now() - started,
      ...(pixels.convertMs !== undefined ? { convertMs: pixels.convertMs } : {}),
      source: this.name,
    };
  }
}
