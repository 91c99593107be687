import { useEffect } from "react";
import { useAppStore } from "../../store/StoreContext.js";

/**
 * How to stop the run at once, shown for as long as it acts: the stop key (the settings'
 * hotkeys.stop, watched by the service for every run however it was started) and the corner
 * fail-safe. A stop key the service cannot watch here is said in a notice when the run starts;
 * on a wlroots Wayland desktop (its permission notice says so) neither exists, and it says what does.
 */
export function StopHint({ active }: { active: boolean }) {
  const key = useAppStore((s) => s.loadedSettings?.settings.hotkeys.stop);
  const loading = useAppStore((s) => s.settingsLoading);
  const load = useAppStore((s) => s.loadSettings);
  // a desktop DeskPilot fully controls but whose keys and pointer it cannot watch (wlroots Wayland)
  const noGlobalStop = useAppStore((s) => s.permissionGuidance.some((g) => g.id === "linux-wayland" && g.severity === "info"));
  useEffect(() => {
    if (active && key === undefined && !loading) void load();
  }, [active, key, loading, load]);
  if (!active) return null;
  if (noGlobalStop) {
    return (
      <p className="stop-hint" role="note" data-testid="stop-hint">
        To stop it at once, press Stop here, or a key you bound in your compositor: on this Wayland desktop there is no global stop key or screen-corner stop.
      </p>
    );
  }
  return (
    <p className="stop-hint" role="note" data-testid="stop-hint">
      To stop it at once, press <kbd>{key ?? "the stop key"}</kbd> anywhere, or push the mouse pointer into a corner of the screen.
    </p>
  );
}
