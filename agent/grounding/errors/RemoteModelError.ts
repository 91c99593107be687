import { DeskPilotError } from "../../errors/DeskPilotError.js";

export type RemoteModelErrorCode = "REMOTE_UNREACHABLE" | "REMOTE_TIMEOUT" | "REMOTE_HTTP" | "REMOTE_BAD_RESPONSE" | "REMOTE_IMAGE_RESIZED";

/** A remote OpenAI-compatible endpoint failed; `status` is the HTTP status where there was one. */
export class RemoteModelError extends DeskPilotError {
  constructor(
    code: RemoteModelErrorCode,
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}
