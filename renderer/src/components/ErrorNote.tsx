import type { ErrorInfo } from "../../../electron/shared/ipcContract.js";

/** An error as the service reported it: what went wrong and, in the message, what to do. */
export function ErrorNote({ error }: { error: ErrorInfo }) {
  return (
    <p className="error" role="alert">
      <code>{error.code}</code> {error.message}
    </p>
  );
}
