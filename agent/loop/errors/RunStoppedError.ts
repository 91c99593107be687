import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** The run was stopped (user, hotkey, fail-safe corner, timeout) before its next input event. */
export class RunStoppedError extends DeskPilotError {
  constructor(readonly reason: string) {
    super("RUN_STOPPED", `Run stopped: ${reason}. No further input was sent.`);
  }
}
