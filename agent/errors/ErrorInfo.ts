import { DeskPilotError } from "./DeskPilotError.js";

/** An error as it crosses a process or IPC boundary. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  /** A refused settings change's every issue, by setting path (INVALID_SETTING); the message lists them too. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

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
