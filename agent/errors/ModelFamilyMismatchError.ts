import { DeskPilotError } from "./DeskPilotError.js";

/**
 * The chosen model profile (family) is not the family of the loaded model's vision encoder: its
 * frames and coordinates would both be wrong, so nothing is asked of the model.
 */
export class ModelFamilyMismatchError extends DeskPilotError {
  constructor(profileId: string, profileFactor: number, modelFactor: number, suggestion: string | undefined) {
    super(
      "MODEL_FAMILY_MISMATCH",
      `The model's vision projector sees frames on a ${modelFactor}-px grid, but the model profile ${profileId} is for a ${profileFactor}-px one: ` +
        `the model would be asked in the wrong format and its coordinates misread. ${suggestion ? `Choose the profile ${suggestion}` : "Choose the profile of this model's family"} ` +
        "(--profile, or model.profile in the settings), or leave the profile unset for files you name, so DeskPilot reads it from the projector.",
    );
  }
}
