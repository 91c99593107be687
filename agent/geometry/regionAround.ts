import type { ImagePoint, LogicalPoint } from "./pixelSpace.js";
import type { Pt, Region } from "./shapes.js";

/** What places a capture's native pixels on the screen: its display's logical origin and scale. */
export interface CapturePlacement {
  readonly x: number;
  readonly y: number;
  readonly scaleFactor: number;
}

/** A global logical point in the native pixels of a capture of `display` (fractional, unclamped). */
export function toCapturePixel(p: LogicalPoint, display: CapturePlacement): ImagePoint {
  return { x: (p.x - display.x) * display.scaleFactor, y: (p.y - display.y) * display.scaleFactor };
}

/**
 * `size` centred on `centre`, slid to lie inside `image` and kept whole where it fits (at most
 * the image): a crop that shows as much as asked even at an edge, the centre then off-centre.
 */
export function regionInside(
  centre: Pt,
  size: { readonly width: number; readonly height: number },
  image: { readonly width: number; readonly height: number },
): Region {
  const width = Math.min(image.width, size.width);
  const height = Math.min(image.height, size.height);
  const place = (c: number, side: number, limit: number) => Math.min(limit - side, Math.max(0, Math.round(c - side / 2)));
  return { x: place(centre.x, width, image.width), y: place(centre.y, height, image.height), width, height };
}

/**
 * `half` each side of `centre` (all in one pixel space), cut where it leaves `image`: the centre
 * stays where it is in the crop, so an edge crop is smaller. At least one pixel wide and high.
 */
export function regionClipped(
  centre: Pt,
  half: { readonly x: number; readonly y: number },
  image: { readonly width: number; readonly height: number },
): Region {
  const x = Math.max(0, Math.round(centre.x - half.x));
  const y = Math.max(0, Math.round(centre.y - half.y));
  return {
    x,
    y,
    width: Math.max(1, Math.min(image.width - x, Math.round(half.x * 2))),
    height: Math.max(1, Math.min(image.height - y, Math.round(half.y * 2))),
  };
}
