import type { Capture } from "../../agent/ports/Capture.js";
import type { Display } from "../../agent/geometry/Display.js";
import type { ScreenSource } from "../../agent/ports/ScreenSource.js";

/**
 * A ScreenSource that lowers a shield (the DeskPilot widget) around every capture, so the model
 * never sees DeskPilot where the OS cannot exclude a window from captures.
 */
export class ShieldedScreenSource implements ScreenSource {
  constructor(
    private readonly inner: ScreenSource,
    private readonly shield: () => { lower(): Promise<() => void> } | undefined,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  listDisplays(): Promise<Display[]> {
    return this.inner.listDisplays();
  }

  capture(displayId?: string): Promise<Capture> {
    return this.shielded(() => this.inner.capture(displayId));
  }

  captureAll(): Promise<Capture[]> {
    return this.shielded(() => this.inner.captureAll());
  }

  private async shielded<T>(capture: () => Promise<T>): Promise<T> {
    const raise = await this.shield()?.lower();
    try {
      return await capture();
    } finally {
      raise?.();
    }
  }
}
