import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** A model or mmproj file is missing, unreadable, or not what Qwen2.5-VL needs; the message names the file. */
export class ModelFileError extends DeskPilotError {
  constructor(message: string, options?: ErrorOptions) {
    super("MODEL_FILE_INVALID", message, options);
  }
}
