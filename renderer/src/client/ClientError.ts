import type { ErrorInfo } from "../../../electron/shared/ipcContract.js";

/** An error the service or the transport reported, with the stable code it crossed as. */
export class ClientError extends Error implements ErrorInfo {
  readonly code: string;
  readonly issues?: ErrorInfo["issues"];

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = "ClientError";
    this.code = info.code;
    if (info.issues) this.issues = info.issues;
  }

  /** Any thrown value as `{code, message}` (and a refused settings change's issues), for the store's error states. */
  static info(error: unknown): ErrorInfo {
    if (error instanceof ClientError) return { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
    return { code: "CLIENT", message: error instanceof Error ? error.message : String(error) };
  }
}
