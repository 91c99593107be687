import { useEffect } from "react";
import { useAppStore } from "../store/StoreContext.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { RepairReport } from "../components/settings/RepairReport.js";
import { SettingsForm } from "../components/settings/SettingsForm.js";

/** The Settings screen: the one validated settings file, edited here and saved all at once or not at all. */
export function SettingsScreen() {
  const loaded = useAppStore((s) => s.loadedSettings);
  const loading = useAppStore((s) => s.settingsLoading);
  const loadError = useAppStore((s) => s.settingsLoadError);
  const loadSettings = useAppStore((s) => s.loadSettings);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  return (
    <section aria-labelledby="settings-title">
      <header>
        <h2 id="settings-title">Settings</h2>
        <button type="button" onClick={() => void loadSettings()} disabled={loading}>
          {loading ? "Loading…" : "Reload"}
        </button>
      </header>
      {loadError && <ErrorNote error={loadError} />}
      {!loaded && !loadError && <p className="empty">Loading the settings…</p>}
      {loaded && (
        <>
          <RepairReport loaded={loaded} />
          {/* A fresh draft whenever the service hands back other values (load, reload, save). */}
          <SettingsForm key={JSON.stringify(loaded.settings)} settings={loaded.settings} />
        </>
      )}
    </section>
  );
}
