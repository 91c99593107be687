import type { Display, Rect } from "./Display.js";
import type { LogicalPoint, NativePoint } from "./pixelSpace.js";

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
export function toNativePoint(display: Display, point: LogicalPoint, space: NativeSpace = nativeSpace()): NativePoint {
  if (space === "logical") return { x: Math.floor(point.x), y: Math.floor(point.y) };
  const s = display.scaleFactor;
  return {
    x: Math.floor(display.x * s) + Math.floor((point.x - display.x) * s),
    y: Math.floor(display.y * s) + Math.floor((point.y - display.y) * s),
  };
}

/**
 * A point in the OS's native input space back to global logical px: the inverse of
 * toNativePoint, on the display whose native area (from its floored native origin) holds it; a
 * point on no display is returned as it is. The one native → logical conversion: the input
 * driver's pointer position and the recorder's events both read through it.
 */
export function toLogicalPoint(displays: readonly Display[], p: NativePoint, space: NativeSpace = nativeSpace()): LogicalPoint {
  if (space === "logical") return { x: p.x, y: p.y };
  for (const d of displays) {
    const s = d.scaleFactor;
    const ox = Math.floor(d.x * s);
    const oy = Math.floor(d.y * s);
    if (p.x >= ox && p.x < ox + d.width * s && p.y >= oy && p.y < oy + d.height * s) return { x: d.x + (p.x - ox) / s, y: d.y + (p.y - oy) / s };
  }
  return { x: p.x, y: p.y };
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
