import { ModelFamilyMismatchError } from "../errors/ModelFamilyMismatchError.js";
import { gridFactor } from "../vision/frameGrid.js";
import type { ModelProfile } from "./ModelProfile.js";
import { PROFILE_IDS } from "./ModelProfile.js";
import { getProfile } from "./profileRegistry.js";

/**
 * Fails when a loaded model's grid (from its projector) is not its profile's: a Qwen3-VL pair
 * spoken to as Qwen2.5-VL, say. A model that does not report its grid (remote) passes.
 */
export function checkFamilyGrid(profile: ModelProfile, modelFactor: number | undefined): void {
  const factor = gridFactor(profile.grid);
  if (modelFactor === undefined || modelFactor === factor) return;
  const fitting = PROFILE_IDS.filter((id) => gridFactor(getProfile(id).grid) === modelFactor);
  throw new ModelFamilyMismatchError(profile.id, factor, modelFactor, fitting.length > 0 ? fitting.join(" or ") : undefined);
}
