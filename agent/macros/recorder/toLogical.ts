import type { Display, Point } from "../../capture/Display.js";
import { nativeSpace } from "../../platform/nativeSpace.js";

/** A point in the OS's native input space back to global logical px (the inverse of toNativePoint). */
export function toLogical(displays: readonly Display[], p: Point): Point {
  if (nativeSpace() === "logical") return { x: p.x, y: p.y };
  for (const d of displays) {
    const s = d.scaleFactor;
    const ox = Math.floor(d.x * s);
    const oy = Math.floor(d.y * s);
    if (p.x >= ox && p.x < ox + d.width * s && p.y >= oy && p.y < oy + d.height * s) return { x: d.x + (p.x - ox) / s, y: d.y + (p.y - oy) / s };
  }
  return { x: p.x, y: p.y };
}
