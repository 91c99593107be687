import { DeskPilotError } from "../errors/DeskPilotError.js";

/** A call to a slice the service was built without (a test rig, a CLI command that needs only some). */
export class SliceNotConfiguredError extends DeskPilotError {
  constructor(slice: string) {
    super("UNKNOWN_METHOD", `This DeskPilot service has no ${slice}; build it with that slice (createAppService builds them all).`);
  }
}
