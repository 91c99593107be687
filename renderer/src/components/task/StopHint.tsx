import { useEffect } from "react";
import { useAppStore } from "../../store/StoreContext.js";

/**
 * How to stop the run at once, shown for as long as it acts: the stop key (the settings'
 * hotkeys.stop, watched by the service for every run however it was started) and the corner
 * fail-safe. A stop key the service cannot watch here is said in a notice when the run starts.
 */
export function StopHint({ active }: { active: boolean }) {
  const key = useAppStore((s) => s.loadedSettings?.settings.hotkeys.stop);
  const loading = useAppStore((s) => s.settingsLoading);
  const load = useAppStore((s) => s.loadSettings);
  useEffect(() => {
    if (active && key === undefined && !loading) void load();
  }, [active, key, loading, load]);
  if (!active) return null;
  return (
    <p className="stop-hint" role="note" data-testid="stop-hint">
      To stop it at once, press <kbd>{key ?? "the stop key"}</kbd> anywhere, or push the mouse pointer into a corner of the screen.
    </p>
  );
}
