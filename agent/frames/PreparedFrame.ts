import type { Region } from "../geometry/shapes.js";
import type { Frame } from "../geometry/smartResize.js";
import type { RgbImage } from "./RgbImage.js";

/**
 * `region` of a source image as RGB resized to exactly its model frame (prepareFrame): what local
 * and remote models encode as it is, never resizing it again, so a small crop stays small and the
 * answer's coordinates count the frame's pixels. `frame` and `region` are the mapping back to the
 * source image's pixels (geometry/frameMapping: frameToImage).
 */
export interface PreparedFrame {
  readonly rgb: RgbImage;
  readonly frame: Frame;
  /** The part of the source image the frame shows, in source-image pixels. */
  readonly region: Region;
  /** Time the preparation took, ms. */
  readonly ms: number;
}
