import type { ErrorInfo } from "./ServiceEvents.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";

/**
 * The `{code, message}` an error crosses a process boundary as. DeskPilot errors keep their
 * code and actionable message; anything else is a bug, reported without its stack (a client
 * needs no file paths of the service).
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof DeskPilotError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: "INTERNAL", message: `Unexpected error in the DeskPilot service: ${message}. See the app's log.` };
}
