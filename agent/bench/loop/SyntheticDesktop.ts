import type { Capture } from "../../ports/Capture.js";
import type { Display, Point } from "../../geometry/Display.js";
import type { InputDriver } from "../../ports/InputDriver.js";
import type { ScreenSource } from "../../ports/ScreenSource.js";

/**
 * A desktop that exists only in memory, for benchmarks: one display whose picture changes with
 * every input event (so settling sees a change), and an input driver that sends nothing.
 */
export class SyntheticDesktop implements ScreenSource, InputDriver {
  readonly name = "synthetic";
  private events = 0;
  private pointer: Point = { x: 1, y: 1 };

  constructor(readonly display: Display = { id: "synthetic", name: "synthetic", x: 0, y: 0, width: 1280, height: 800, scaleFactor: 1, primary: true }) {}

  async listDisplays(): Promise<Display[]> {
    return [this.display];
  }

  async capture(): Promise<Capture> {
    const { width, height } = this.display;
    const data = Buffer.alloc(width * height * 4, Buffer.from([40, 60, 80, 255]));
    // A band whose place moves with each input event, like a page reacting to the agent.
    const band = (this.events * 37) % (height - 20);
    data.fill(Buffer.from([200, 200, 240, 255]), band * width * 4, (band + 20) * width * 4);
    return { display: this.display, width, height, channels: 4, data, ms: 0, source: this.name };
  }

  async captureAll(): Promise<Capture[]> {
    return [await this.capture()];
  }

  async position(): Promise<Point> {
    return this.pointer;
  }

  async move(to: Point): Promise<void> {
    this.touch(to);
  }

  async click(at: Point): Promise<void> {
    this.touch(at);
  }

  async drag(_from: Point, to: Point): Promise<void> {
    this.touch(to);
  }

  async scroll(at: Point): Promise<void> {
    this.touch(at);
  }

  async keys(): Promise<void> {
    this.touch(this.pointer);
  }

  async type(): Promise<void> {
    this.touch(this.pointer);
  }

  /** The page changes by itself (a clock, a feed): the next capture differs even when no input came. */
  tick(): void {
    this.events++;
  }

  private touch(p: Point): void {
    this.pointer = p;
    this.events++;
  }
}
