import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** llama.cpp encoded the image at another frame than smart_resize predicts; coordinates would be wrong. */
export class FrameMismatchError extends DeskPilotError {
  constructor(message: string, options?: ErrorOptions) {
    super("FRAME_MISMATCH", message, options);
  }
}
