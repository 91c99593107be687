import type { ReactNode } from "react";
import type { ErrorInfo } from "../../../../electron/shared/ipcContract.js";
import { ErrorNote } from "../ErrorNote.js";

/** One labelled setting with its hint and, when a save was refused over it, the reason right below. */
export function SettingField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: ErrorInfo;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`setting${error ? " invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy ? { "aria-describedby": describedBy } : {}), ...(error ? { "aria-invalid": true } : {}) })}
      {hint && (
        <small id={hintId} className="note">
          {hint}
        </small>
      )}
      {error && (
        <div id={errorId}>
          <ErrorNote error={error} />
        </div>
      )}
    </div>
  );
}
