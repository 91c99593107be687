import { useAppStore } from "../store/StoreContext.js";

/** While the service cannot be reached: says so, that nothing pressed here reaches it, and that the panel reconnects by itself. */
export function ConnectionBanner() {
  const connection = useAppStore((s) => s.connection);
  const reconnectNow = useAppStore((s) => s.reconnectNow);
  if (connection !== "disconnected") return null;
  return (
    <div className="connection-banner" role="alert" aria-label="Disconnected">
      <p>
        <strong>Disconnected from DeskPilot.</strong> Its server cannot be reached: it stopped or is restarting. Nothing you press here reaches it until the
        panel reconnects, which it does by itself once <code>deskpilot serve</code> runs again.
      </p>
      <button type="button" onClick={reconnectNow}>
        Reconnect now
      </button>
    </div>
  );
}
