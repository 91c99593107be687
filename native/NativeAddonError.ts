import { DeskPilotError } from "../agent/errors/DeskPilotError.js";

/** The vision addon cannot be loaded; the message says what is missing and how to get it. */
export class NativeAddonError extends DeskPilotError {
  constructor(message: string, options?: ErrorOptions) {
    super("NATIVE_ADDON_UNAVAILABLE", message, options);
  }
}
