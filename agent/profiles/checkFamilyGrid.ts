import { ModelFamilyMismatchError } from "../errors/ModelFamilyMismatchError.js";
import { gridFactor } from "../geometry/frameGrid.js";
import type { VisionModel } from "../vision/VisionModel.js";
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

/** The grid frames for `model` are prepared on: the loaded model's own (its projector's), else its family's. */
export function modelFrameFactor(model: Pick<VisionModel, "frameFactor">, profile: ModelProfile): number {
  return model.frameFactor ?? gridFactor(profile.grid);
}
