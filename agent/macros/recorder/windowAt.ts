import { Window } from "node-screenshots";
import type { Display, Point } from "../../geometry/Display.js";
import { displayAt } from "../../geometry/Display.js";
import { nativeSpace } from "../../geometry/nativeSpace.js";
import { toLogicalPoint } from "../../geometry/nativeSpace.js";

/** A window's frame in global logical px, with what names it. */
export interface WindowInfo {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly app?: string;
  readonly title?: string;
}

/**
 * The topmost window under a logical point (the focused one when none holds it), or undefined
 * when the window list cannot be read. Window geometry is native pixels where input is (X11).
 */
export function windowAt(displays: readonly Display[], p: Point): WindowInfo | undefined {
  try {
    const d = displayAt(displays, p);
    const s = d && nativeSpace() === "physical" ? d.scaleFactor : 1;
    const native = d ? { x: d.x * s + (p.x - d.x) * s, y: d.y * s + (p.y - d.y) * s } : p;
    const windows = Window.all().filter((w) => !w.isMinimized());
    const w =
      windows
        .filter((w) => native.x >= w.x() && native.x < w.x() + w.width() && native.y >= w.y() && native.y < w.y() + w.height())
        .sort((a, b) => b.z() - a.z())[0] ?? windows.find((w) => w.isFocused());
    if (!w) return undefined;
    const origin = toLogicalPoint(displays, { x: w.x(), y: w.y() });
    const ws = nativeSpace() === "physical" ? (displayAt(displays, origin)?.scaleFactor ?? 1) : 1;
    const app = w.appName().slice(0, 100);
    const title = w.title().slice(0, 200);
    return { x: origin.x, y: origin.y, width: w.width() / ws, height: w.height() / ws, ...(app ? { app } : {}), ...(title ? { title } : {}) };
  } catch {
    return undefined;
  }
}
