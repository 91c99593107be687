import { DeskPilotError } from "../errors/DeskPilotError.js";

/** An image that cannot be encoded: wrong buffer size, undecodable bytes, or too extreme an aspect ratio. */
export class ImageInputError extends DeskPilotError {
  constructor(message: string, options?: ErrorOptions) {
    super("BAD_IMAGE", message, options);
  }
}
