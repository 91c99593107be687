import type { ErrorInfo } from "../../../electron/shared/ipcContract.js";

/** An error the service or the transport reported, with the stable code it crossed as. */
export class ClientError extends Error implements ErrorInfo {
  readonly code: string;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = "ClientError";
    this.code = info.code;
  }

  /** Any thrown value as `{code, message}`, for the store's error states. */
  static info(error: unknown): ErrorInfo {
    if (error instanceof ClientError) return { code: error.code, message: error.message };
    return { code: "CLIENT", message: error instanceof Error ? error.message : String(error) };
  }
}
