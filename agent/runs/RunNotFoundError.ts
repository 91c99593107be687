import { DeskPilotError } from "../errors/DeskPilotError.js";

/** A run id (from a client) that names no run folder in the history. */
export class RunNotFoundError extends DeskPilotError {
  constructor(runId: string, root: string) {
    super("RUN_NOT_FOUND", `No run "${runId.slice(0, 80)}" in ${root}; pick one from listRuns (the History screen lists them).`);
  }
}
