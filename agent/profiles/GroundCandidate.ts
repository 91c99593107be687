import type { Box, Pt } from "../geometry/shapes.js";

/** Whether grounding asks for the element's point or its box. */
export type GroundMode = "point" | "box";

/** What a grounding answer points at, in model-frame pixels: what every profile's grounding parser yields. */
export interface GroundCandidate {
  readonly point: Pt;
  readonly box?: Box;
  readonly label: string;
}
