import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** The engine's host process died (llama.cpp abort, out of memory, killed); the next call reloads the model. */
export class EngineCrashedError extends DeskPilotError {
  /** How the process ended, as its channel reported it: "signal SIGABRT", "exit code 1". */
  readonly how: string | undefined;

  constructor(message: string, options?: ErrorOptions & { how?: string }) {
    super("ENGINE_CRASHED", message, options);
    this.how = options?.how;
  }
}
