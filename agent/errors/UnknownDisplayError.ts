import { DeskPilotError } from "./DeskPilotError.js";

/** A display id was asked for that the system does not have (never had, or no longer has). */
export class UnknownDisplayError extends DeskPilotError {
  readonly displayId: string;

  constructor(displayId: string, known: readonly string[], vanished = false) {
    super(
      vanished ? "DISPLAY_VANISHED" : "UNKNOWN_DISPLAY",
      (vanished ? `Display ${displayId} has gone away since it was listed.` : `There is no display with id ${displayId}.`) +
        ` Displays now connected: ${known.length > 0 ? known.join(", ") : "none"}. ` +
        "List them with `deskpilot capture --list`.",
    );
    this.displayId = displayId;
  }
}
