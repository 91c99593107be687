import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** The global input hook could not run; nothing was recorded. */
export class RecorderError extends DeskPilotError {
  constructor(detail: string, options?: ErrorOptions) {
    super("RECORDER_FAILED", `Recording failed: ${detail}. Recording needs an X11 display with the RECORD extension (Xvfb and Xorg have it).`, options);
  }
}
