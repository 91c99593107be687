import type { Display, Point } from "../../../../agent/capture/Display.js";

/** A display's capture size in native pixels (what a step's screenshot measures). */
export function captureSize(display: Display): { width: number; height: number } {
  return { width: Math.round(display.width * display.scaleFactor), height: Math.round(display.height * display.scaleFactor) };
}

/** Where a global logical screen point lies on that display's capture, in native pixels (DESIGN §3). */
export function pointOnCapture(point: Point, display: Display): Point {
  return { x: (point.x - display.x) * display.scaleFactor, y: (point.y - display.y) * display.scaleFactor };
}
