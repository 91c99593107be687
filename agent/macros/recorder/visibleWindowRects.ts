import type { Rect } from "../../geometry/Display.js";

/** A window as Electron's BrowserWindow shows it (structural, so agent/ needs no Electron). */
export interface ScreenWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  /** The frame in global logical px (Electron's DIP; on X11 both are native px over the scale factor). */
  getBounds(): Rect;
}

/** The frames of the windows on the screen now: what a recording must leave out when they are DeskPilot's own. */
export function visibleWindowRects(windows: readonly ScreenWindow[]): Rect[] {
  return windows
    .filter((w) => !w.isDestroyed() && w.isVisible() && !w.isMinimized())
    .map((w) => {
      const { x, y, width, height } = w.getBounds();
      return { x, y, width, height };
    });
}
