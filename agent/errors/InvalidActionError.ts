import { DeskPilotError } from "./DeskPilotError.js";

/** An action that does not fit the computer_use schema; nothing was done. */
export class InvalidActionError extends DeskPilotError {
  constructor(detail: string, options?: ErrorOptions) {
    super("INVALID_ACTION", `Invalid action: ${detail}. No input was sent.`, options);
  }
}
