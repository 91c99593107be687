import { useAppStore } from "../store/StoreContext.js";

/** The service's own error reports, newest last, each dismissible. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {notices.map((n, i) => (
        <li key={`${i}-${n.code}`} className="error" role="alert">
          <code>{n.code}</code> {n.message}{" "}
          <button type="button" onClick={() => dismiss(i)} aria-label={`Dismiss ${n.code}`}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
