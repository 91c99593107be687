import { DeskPilotError } from "../errors/DeskPilotError.js";

/** Why a pull failed; each code's message says what to do. */
export type ModelDownloadCode =
  | "HUB_UNREACHABLE"
  | "HUB_REPO_NOT_FOUND"
  | "HUB_FILE_NOT_FOUND"
  | "HUB_FILE_CHANGED"
  | "HUB_ACCESS_DENIED"
  | "NO_DISK_SPACE"
  | "DOWNLOAD_INTERRUPTED"
  | "DOWNLOAD_CANCELLED"
  | "DOWNLOAD_CORRUPT";

/** A model download that did not finish with verified files. */
export class ModelDownloadError extends DeskPilotError {
  declare readonly code: ModelDownloadCode;

  constructor(code: ModelDownloadCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}
