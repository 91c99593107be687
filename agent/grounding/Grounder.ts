import type { SourceImage } from "../frames/SourceImage.js";
import type { Frame } from "../geometry/smartResize.js";
import type { Box, Region } from "../geometry/shapes.js";
import type { ImagePoint, LogicalPoint } from "../geometry/pixelSpace.js";
import type { GroundCandidate, GroundMode } from "../profiles/GroundCandidate.js";
import type { GroundingPromptKind } from "./GroundingPromptKind.js";

export interface GroundOptions {
  readonly mode?: GroundMode;
  /** Refine on a native-resolution crop around the first hit; "auto" (default) does so when the frame downscaled the image. */
  readonly zoom?: boolean | "auto";
  /** How the model is asked (default: the grounder's own, else `json`); a box is always asked in JSON. */
  readonly prompt?: GroundingPromptKind;
  readonly signal?: AbortSignal;
}

export interface GroundTimings {
  /** Capture conversion + resize to the frame, ms (all passes). */
  readonly prepareMs: number;
  /** Model time (encode + prefill + decode, or the HTTP round trip), ms (all passes). */
  readonly modelMs: number;
  readonly totalMs: number;
  readonly passes: number;
}

/** The coarse pass when zoom refinement ran: where it pointed and the crop the second pass saw. */
export interface ZoomInfo {
  readonly crop: Region;
  readonly coarse: { readonly point: ImagePoint; readonly frame: Frame; readonly raw: string };
}

/** What grounding found: the best element in source-image pixels, and where it is on the screen. */
export interface GroundResult extends GroundCandidate<"image"> {
  /** The image size grounded (the source image's pixels). */
  readonly image: { readonly width: number; readonly height: number };
  /** The model frame of the final pass: the space `raw`'s coordinates are in. */
  readonly frame: Frame;
  /** Global screen logical pixels, when the image came from a display. */
  readonly screen?: { readonly point: LogicalPoint; readonly box?: Box };
  /** The model's answer text, verbatim. */
  readonly raw: string;
  /** The other elements the answer listed, best first. */
  readonly alternatives: readonly GroundCandidate<"image">[];
  readonly zoom?: ZoomInfo;
  readonly timings: GroundTimings;
}

/** The grounding port: a description in, an exact place on the image (and screen) out. */
export interface Grounder {
  ground(image: SourceImage, query: string, options?: GroundOptions): Promise<GroundResult>;
  dispose(): Promise<void>;
}
