import type { Display } from "../geometry/Display.js";

/**
 * An image a frame is prepared from: raw pixels, tightly packed, with their channel order. When
 * it came from a display, `display` places it on the global logical screen (docs/design.md §3).
 */
export interface SourceImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  /** Channel order; "bgr" with 4 channels means BGRA. Default "rgb". */
  readonly order?: "rgb" | "bgr";
  readonly display?: Display;
}
