import type { ComputerAction } from "../actions/ComputerAction.js";
import type { FrameSize } from "../geometry/frameMapping.js";
import type { ParsedAnswer } from "./qwen25vl/parseGroundingAnswer.js";
import type { CoordinateSpace } from "./coordinateSpace.js";
import type { ProfileId } from "./ModelProfile.js";
import { getProfile } from "./profileRegistry.js";

/**
 * The one entry point for a computer-use answer: `raw` as model `profile` wrote it about an image
 * resized to `frame`, its numbers in `coordinates` (default: the profile's) → one action in frame
 * pixels. Throws InvalidActionError with the reason.
 */
export function parseActionAnswer(profile: ProfileId, raw: string, frame: FrameSize, coordinates?: CoordinateSpace): ComputerAction {
  const p = getProfile(profile);
  return p.computerUse.parse(raw, frame, coordinates ?? p.defaultCoordinates);
}

/**
 * The one entry point for a grounding answer: `raw` → the named places in frame pixels, best
 * first (`query` ranks labelled candidates). Throws GroundingAnswerError with the reason.
 */
export function parseGroundingAnswerAs(profile: ProfileId, raw: string, frame: FrameSize, coordinates?: CoordinateSpace, query?: string): ParsedAnswer {
  const p = getProfile(profile);
  return p.grounding.parse(raw, frame, coordinates ?? p.defaultCoordinates, query);
}
