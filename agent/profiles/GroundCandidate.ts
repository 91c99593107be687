import type { Box } from "../geometry/shapes.js";
import type { PixelSpace, PointIn } from "../geometry/pixelSpace.js";

/** Whether grounding asks for the element's point or its box. */
export type GroundMode = "point" | "box";

/**
 * What a grounding answer points at: in model-frame pixels as every profile's grounding parser
 * yields it, then in the source image's pixels once mapped (candidateToImage). The box is in the same space.
 */
export interface GroundCandidate<S extends PixelSpace = "frame"> {
  readonly point: PointIn<S>;
  readonly box?: Box;
  readonly label: string;
}
