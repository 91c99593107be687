import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** A run ended without `terminate(success)`; the CLI exits 1 with this message. */
export class RunFailedError extends DeskPilotError {
  constructor(status: string, reason: string, dir?: string) {
    super("RUN_FAILED", `the run ended with ${status}: ${reason}.${dir ? ` Its record is in ${dir} (deskpilot report ${dir} --out report.html).` : ""}`);
  }
}
