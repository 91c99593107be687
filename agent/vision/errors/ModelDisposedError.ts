import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** A call on a model after dispose(). */
export class ModelDisposedError extends DeskPilotError {
  constructor(message: string, options?: ErrorOptions) {
    super("MODEL_DISPOSED", message, options);
  }
}
