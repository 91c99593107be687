import type { CoordinateSpace } from "./coordinateSpace.js";
import type { ModelProfile, ProfileId } from "./ModelProfile.js";
import { getProfile } from "./profileRegistry.js";

/** What a model source says about the model behind it: its profile and the space its coordinates are in (both optional). */
export interface ProfileChoice {
  readonly profile?: ProfileId;
  readonly coordinates?: CoordinateSpace;
}

/** The profile a source names (default Qwen2.5-VL's) and its coordinate space (default: the profile's). */
export function profileOf(source: ProfileChoice | undefined): { profile: ModelProfile; coordinates: CoordinateSpace } {
  const profile = getProfile(source?.profile);
  return { profile, coordinates: source?.coordinates ?? profile.defaultCoordinates };
}
