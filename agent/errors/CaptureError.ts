import { DeskPilotError } from "./DeskPilotError.js";

/** The screen source failed to deliver pixels. */
export class CaptureError extends DeskPilotError {
  constructor(source: string, detail: string, options?: ErrorOptions) {
    super("CAPTURE_FAILED", `Screen capture with ${source} failed: ${detail}. Try another source with --source.`, options);
  }
}
