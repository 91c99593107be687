import type { ScreenSource } from "../../agent/ports/ScreenSource.js";
import type { Capture } from "../../agent/ports/Capture.js";
import type { Display } from "../../agent/geometry/Display.js";
import { physicalSize } from "../../agent/geometry/Display.js";
import { selectDisplay } from "../../agent/capture/selectDisplay.js";

/**
 * A scripted ScreenSource: a fixed display layout whose captures are filled with one RGBA
 * colour per display. It records which display ids were asked for.
 */
export class FakeScreenSource implements ScreenSource {
  readonly name = "fake";
  readonly captured: (string | undefined)[] = [];

  constructor(
    public displays: readonly Display[],
    private readonly colour: (display: Display) => [number, number, number] = () => [0, 0, 0],
  ) {}

  async listDisplays(): Promise<Display[]> {
    return [...this.displays];
  }

  async capture(displayId?: string): Promise<Capture> {
    this.captured.push(displayId);
    return this.fill(selectDisplay(this.displays, displayId));
  }

  async captureAll(): Promise<Capture[]> {
    return this.displays.map((d) => this.fill(d));
  }

  private fill(display: Display): Capture {
    const { width, height } = physicalSize(display);
    const data = Buffer.alloc(width * height * 4);
    const [r, g, b] = this.colour(display);
    for (let i = 0; i < data.length; i += 4) data.set([r, g, b, 255], i);
    return { display, width, height, channels: 4, data, ms: 1.5, source: this.name };
  }
}
