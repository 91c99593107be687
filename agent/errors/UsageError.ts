import { DeskPilotError } from "./DeskPilotError.js";

/** The command line itself is wrong; the CLI exits with 2. */
export class UsageError extends DeskPilotError {
  constructor(message: string) {
    super("BAD_USAGE", message);
  }
}
