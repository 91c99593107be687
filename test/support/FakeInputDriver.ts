import type { InputDriver, MouseButton } from "../../agent/ports/InputDriver.js";
import type { Point } from "../../agent/geometry/Display.js";

/** One input event the fake was asked to send, in call order. */
export type InputCall =
  | { kind: "move"; to: Point }
  | { kind: "click"; at: Point; button: MouseButton; count: 1 | 2 | 3 }
  | { kind: "drag"; from: Point; to: Point }
  | { kind: "scroll"; at: Point; dy: number; dx: number | undefined }
  | { kind: "keys"; keys: readonly string[] }
  | { kind: "type"; text: string };

/**
 * A scripted InputDriver: it reports `pointer` as the current position and records every
 * input event instead of sending it. Position reads are counted apart, since they send nothing.
 */
export class FakeInputDriver implements InputDriver {
  readonly calls: InputCall[] = [];
  positionReads = 0;

  constructor(public pointer: Point = { x: 0, y: 0 }) {}

  async position(): Promise<Point> {
    this.positionReads++;
    return this.pointer;
  }

  async move(to: Point): Promise<void> {
    this.calls.push({ kind: "move", to });
    this.pointer = to;
  }

  async click(at: Point, button: MouseButton, count: 1 | 2 | 3): Promise<void> {
    this.calls.push({ kind: "click", at, button, count });
    this.pointer = at;
  }

  async drag(from: Point, to: Point): Promise<void> {
    this.calls.push({ kind: "drag", from, to });
    this.pointer = to;
  }

  async scroll(at: Point, dy: number, dx?: number): Promise<void> {
    this.calls.push({ kind: "scroll", at, dy, dx });
    this.pointer = at;
  }

  async keys(keys: readonly string[]): Promise<void> {
    this.calls.push({ kind: "keys", keys: [...keys] });
  }

  async type(text: string): Promise<void> {
    this.calls.push({ kind: "type", text });
  }
}
