import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** The engine's host process died (llama.cpp abort, out of memory, killed); the next call reloads the model. */
export class EngineCrashedError extends DeskPilotError {
  constructor(message: string, options?: ErrorOptions) {
    super("ENGINE_CRASHED", message, options);
  }
}
