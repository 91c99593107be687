import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** The caller's AbortSignal stopped the request; the model stays usable. */
export class GenerationAbortedError extends DeskPilotError {
  constructor(message: string, options?: ErrorOptions) {
    super("ABORTED", message, options);
  }
}
