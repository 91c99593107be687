import type { Point, Rect } from "../geometry/Display.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import type { InputDriver, MouseButton } from "../ports/InputDriver.js";

/** What the guard needs to know about DeskPilot's own windows now (PanelWindows). */
export interface OwnWindows {
  rects(): readonly Rect[];
  /** Whether one of them has the keyboard focus. */
  focused(): boolean;
  /** Grows each time one of them gains the focus. */
  focusCount(): number;
}

/**
 * Wraps the agent's input driver: a pointer action on one of DeskPilot's own windows (the panel
 * in a browser under `deskpilot serve`), or keys and typing while such a window has the focus,
 * is refused with OWN_WINDOW before any input event, and the run goes on with that reason as the
 * step's observation. The model never sees those windows (BlankedScreenSource); this keeps a
 * guess into the grey area from pressing the panel's Run or Stop.
 */
export class OwnWindowGuard implements InputDriver {
  /** The focus count when the agent last pressed outside DeskPilot's windows: that press took the focus away. */
  private pressedAwayAt = -1;

  constructor(
    private readonly inner: InputDriver,
    private readonly own: OwnWindows,
  ) {}

  get seesPointer(): boolean {
    return this.inner.seesPointer !== false;
  }

  position(): Promise<Point> {
    return this.inner.position();
  }

  async move(to: Point): Promise<void> {
    this.check(to);
    await this.inner.move(to);
  }

  async click(at: Point, button: MouseButton, count: 1 | 2 | 3): Promise<void> {
    this.check(at);
    await this.inner.click(at, button, count);
    this.pressedAwayAt = this.own.focusCount();
  }

  async drag(from: Point, to: Point): Promise<void> {
    this.check(from);
    this.check(to);
    await this.inner.drag(from, to);
    this.pressedAwayAt = this.own.focusCount();
  }

  async scroll(at: Point, dy: number, dx?: number): Promise<void> {
    this.check(at);
    await this.inner.scroll(at, dy, dx);
  }

  async keys(keys: readonly string[]): Promise<void> {
    this.checkFocus();
    await this.inner.keys(keys);
  }

  async type(text: string): Promise<void> {
    this.checkFocus();
    await this.inner.type(text);
  }

  private check(p: Point): void {
    if (!this.own.rects().some((r) => p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height)) return;
    throw new DeskPilotError(
      "OWN_WINDOW",
      `(${Math.round(p.x)}, ${Math.round(p.y)}) is on DeskPilot's own control panel (the grey area of the screenshot); nothing was sent. Act on the task's application instead`,
    );
  }

  private checkFocus(): void {
    // A report can lag the agent's own click into another window by a second; a focus the panel has not regained since counts as gone.
    if (!this.own.focused() || this.own.focusCount() === this.pressedAwayAt) return;
    throw new DeskPilotError(
      "OWN_WINDOW",
      "the keyboard focus is in DeskPilot's own control panel, so keys would go there; nothing was sent. Click into the task's application first",
    );
  }
}
