import type { Capture } from "../../../../agent/ports/Capture.js";
import type { Display } from "../../../../agent/geometry/Display.js";
import type { ScreenSource } from "../../../../agent/ports/ScreenSource.js";
import type { Clock } from "../../../../agent/loop/Clock.js";
import { FakeInputDriver } from "../../../support/FakeInputDriver.js";
import type { Point } from "../../../../agent/geometry/Display.js";
import type { MouseButton } from "../../../../agent/ports/InputDriver.js";

/** A screen that shows whatever capture the test put up last. */
export class SceneScreen implements ScreenSource {
  readonly name = "scene";
  captures = 0;
  constructor(public current: Capture) {}
  async listDisplays(): Promise<Display[]> {
    return [this.current.display];
  }
  async capture(): Promise<Capture> {
    this.captures++;
    return this.current;
  }
  async captureAll(): Promise<Capture[]> {
    return [this.current];
  }
}

/** An input driver that records events and lets the test change the screen after each one. */
export class ReactiveInput extends FakeInputDriver {
  constructor(private readonly react: (input: ReactiveInput) => void = () => {}) {
    super();
  }
  override async click(at: Point, button: MouseButton, count: 1 | 2 | 3): Promise<void> {
    await super.click(at, button, count);
    this.react(this);
  }
  override async type(text: string): Promise<void> {
    await super.type(text);
    this.react(this);
  }
  override async keys(keys: readonly string[]): Promise<void> {
    await super.keys(keys);
    this.react(this);
  }
}

/** Virtual time: sleeping advances it at once. */
export class FakeClock implements Clock {
  t = 0;
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.t += ms;
  }
}
