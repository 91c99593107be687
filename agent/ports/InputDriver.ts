import type { Point } from "../geometry/Display.js";

export type MouseButton = "left" | "right" | "middle";

/**
 * The agent's hands. Points are global screen logical pixels; an implementation maps them
 * to its OS's native space and refuses points outside every display.
 */
export interface InputDriver {
  /**
   * False where the OS tells no program where the pointer is (Wayland): `position()` is then only
   * where this driver last put it, and a user's push into a screen corner cannot be seen.
   */
  readonly seesPointer?: boolean;
  position(): Promise<Point>;
  move(to: Point): Promise<void>;
  click(at: Point, button: MouseButton, count: 1 | 2 | 3): Promise<void>;
  /** Presses the left button at `from`, moves to `to` in steps, releases. */
  drag(from: Point, to: Point): Promise<void>;
  /** Wheel notches at `at`: positive `dy` scrolls up, positive `dx` right. */
  scroll(at: Point, dy: number, dx?: number): Promise<void>;
  /** Presses the keys in order, then releases them in reverse (a chord such as ctrl+shift+t). */
  keys(keys: readonly string[]): Promise<void>;
  /** Types `text` exactly, Unicode included. */
  type(text: string): Promise<void>;
}
