import type { Display, Point } from "../geometry/Display.js";
import type { InputDriver, MouseButton } from "../ports/InputDriver.js";

/**
 * The fail-safe corner (docs/design.md §8): wraps the agent's input driver, and `check()` reports a stop
 * when the pointer sits within `margin` px of any display corner where the agent did not put it
 * itself. Reading the pointer sends no input, so it can be polled during generation too.
 */
export class CornerFailSafe implements InputDriver {
  private agentPoint: Point | undefined;

  constructor(
    private readonly inner: InputDriver,
    private readonly displays: () => Promise<readonly Display[]>,
    private readonly margin = 2,
  ) {}

  /** False where the pointer cannot be read (Wayland): the corner then never trips. */
  get seesPointer(): boolean {
    return this.inner.seesPointer !== false;
  }

  /** Why to stop, or undefined. */
  readonly check = async (): Promise<string | undefined> => {
    if (!this.seesPointer) return undefined;
    const p = await this.inner.position();
    if (this.agentPoint && Math.abs(p.x - this.agentPoint.x) <= 1 && Math.abs(p.y - this.agentPoint.y) <= 1) return undefined;
    const corner = (await this.displays()).some(
      (d) =>
        [d.x, d.x + d.width - 1].some((cx) => Math.abs(p.x - cx) <= this.margin) && [d.y, d.y + d.height - 1].some((cy) => Math.abs(p.y - cy) <= this.margin),
    );
    return corner ? `fail-safe: the pointer was pushed into a screen corner (${Math.round(p.x)}, ${Math.round(p.y)})` : undefined;
  };

  position(): Promise<Point> {
    return this.inner.position();
  }

  async move(to: Point): Promise<void> {
    this.agentPoint = to;
    await this.inner.move(to);
  }

  async click(at: Point, button: MouseButton, count: 1 | 2 | 3): Promise<void> {
    this.agentPoint = at;
    await this.inner.click(at, button, count);
  }

  async drag(from: Point, to: Point): Promise<void> {
    this.agentPoint = to;
    await this.inner.drag(from, to);
  }

  async scroll(at: Point, dy: number, dx?: number): Promise<void> {
    this.agentPoint = at;
    await this.inner.scroll(at, dy, dx);
  }

  keys(keys: readonly string[]): Promise<void> {
    return this.inner.keys(keys);
  }

  type(text: string): Promise<void> {
    return this.inner.type(text);
  }
}
