import type { Point, Rect } from "../../geometry/Display.js";

/**
 * Keeps DeskPilot's own windows out of a recording: presses inside them, their releases, wheel
 * turns over them, and keys typed while one of them holds the focus (from a press inside it
 * until the next press elsewhere).
 */
export class OwnWindowFilter {
  private focused = false;

  constructor(private readonly windows: () => readonly Rect[]) {}

  /** Whether to record an event of `type` (pointer events at `p`, global logical px). */
  accept(type: "down" | "up" | "wheel" | "keydown" | "keyup", p?: Point): boolean {
    const inside = p !== undefined && this.windows().some((r) => p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height);
    if (type === "down") this.focused = inside;
    if (type === "wheel") return !inside;
    return !this.focused;
  }
}
