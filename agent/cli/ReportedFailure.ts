import { DeskPilotError } from "../errors/DeskPilotError.js";

/**
 * A failure the command has already reported on its own (a run's summary, its JSON document):
 * the CLI exits 1 and prints nothing more, so the user reads the outcome once.
 */
export class ReportedFailure extends DeskPilotError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
