import type { ScreenSource } from "../../../../agent/ports/ScreenSource.js";
import type { Capture } from "../../../../agent/ports/Capture.js";
import type { Display } from "../../../../agent/geometry/Display.js";
import { physicalSize } from "../../../../agent/geometry/Display.js";

/** A one-display screen filled with a colour that `colour()` picks at each capture; fills natively, so it is fast. */
export class ColourScreen implements ScreenSource {
  readonly name = "colour";
  captures = 0;

  constructor(
    public display: Display,
    private readonly colour: () => [number, number, number],
  ) {}

  async listDisplays(): Promise<Display[]> {
    return [this.display];
  }

  async capture(): Promise<Capture> {
    this.captures++;
    const { width, height } = physicalSize(this.display);
    const data = Buffer.alloc(width * height * 4, Buffer.from([...this.colour(), 255]));
    return { display: this.display, width, height, channels: 4, data, ms: 0.1, source: this.name };
  }

  async captureAll(): Promise<Capture[]> {
    return [await this.capture()];
  }
}
