import type { Display, Point, Rect } from "../capture/Display.js";

/**
 * The space the OS input and capture APIs work in, as nut-js calls them: macOS takes
 * logical points; X11 (XTEST, XGetImage) and Windows (DPI-aware) take physical pixels.
 */
export type NativeSpace = "logical" | "physical";

export function nativeSpace(platform: NodeJS.Platform = process.platform): NativeSpace {
  return platform === "darwin" ? "logical" : "physical";
}

/**
 * Maps a global logical point on `display` to the OS's native input space. Flooring keeps
 * a point that is inside the display's logical area inside its native area too.
 */
export function toNativePoint(display: Display, point: Point, space: NativeSpace = nativeSpace()): Point {
  if (space === "logical") return { x: Math.floor(point.x), y: Math.floor(point.y) };
  const s = display.scaleFactor;
  return {
    x: Math.floor(display.x * s) + Math.floor((point.x - display.x) * s),
    y: Math.floor(display.y * s) + Math.floor((point.y - display.y) * s),
  };
}

/** The display's whole area in the OS's native space, as a capture region. */
export function nativeRegion(display: Display, space: NativeSpace = nativeSpace()): Rect {
  if (space === "logical") return { x: display.x, y: display.y, width: display.width, height: display.height };
  const s = display.scaleFactor;
  return {
    x: Math.floor(display.x * s),
    y: Math.floor(display.y * s),
    width: Math.round(display.width * s),
    height: Math.round(display.height * s),
  };
}
