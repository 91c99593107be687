import type { ErrorInfo } from "../shared/ipcContract.js";
import { DeskPilotError } from "../../agent/errors/DeskPilotError.js";

/**
 * The `{code, message}` an error crosses IPC as. DeskPilot errors keep their code and
 * actionable message; anything else is a bug, reported without its stack (the renderer
 * needs no file paths of main).
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof DeskPilotError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: "INTERNAL", message: `Unexpected error in the main process: ${message}. See the app's log.` };
}
