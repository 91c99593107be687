import { DeskPilotError } from "../errors/DeskPilotError.js";

/** A macro file that cannot be played as it is; nothing was done. */
export class MacroFileError extends DeskPilotError {
  constructor(where: string, detail: string, options?: ErrorOptions) {
    super("MACRO_INVALID", `Macro ${where} is not valid: ${detail}. Fix or re-record it; nothing was played.`, options);
  }
}
