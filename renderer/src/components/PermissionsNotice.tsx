import { useAppStore } from "../store/StoreContext.js";
import { guidanceKey } from "../store/permissionsSlice.js";

/**
 * What the OS still needs before DeskPilot can see the screen or move the input (macOS privacy
 * switches, a Wayland session, no display), each item with what to do; dismissible until the
 * guidance changes.
 */
export function PermissionsNotice() {
  const guidance = useAppStore((s) => s.permissionGuidance);
  const dismissed = useAppStore((s) => s.permissionsDismissed);
  const dismiss = useAppStore((s) => s.dismissPermissions);
  if (guidance.length === 0 || dismissed === guidanceKey(guidance)) return null;
  const blocking = guidance.some((g) => g.severity === "blocking");
  const heading = blocking ? "DeskPilot cannot act on this desktop yet" : "Good to know about this desktop";
  return (
    <section className={`permissions-notice${blocking ? " blocking" : ""}`} aria-labelledby="permissions-notice-title">
      <header>
        <h2 id="permissions-notice-title">{heading}</h2>
        <button type="button" onClick={dismiss} aria-label="Dismiss the permissions notice">
          ×
        </button>
      </header>
      <ul>
        {guidance.map((g) => (
          <li key={g.id} data-severity={g.severity}>
            <strong>{g.title}</strong>
            <p>{g.steps}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
