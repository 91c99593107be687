import type { LoadedSettings } from "../../../../agent/settings/SettingsStore.js";

/** What was wrong with the settings file when it was loaded, and where the original was kept. */
export function RepairReport({ loaded }: { loaded: LoadedSettings }) {
  if (loaded.issues.length === 0) return null;
  return (
    <div className="repair" role="alert" aria-label="Settings file repaired">
      <p>
        <strong>The settings file had problems and was repaired;</strong> every valid value was kept, the rest reset to defaults. Check the values below.
      </p>
      <ul>
        {loaded.issues.map((issue) => (
          <li key={issue}>{issue}</li>
        ))}
      </ul>
      {loaded.backup && (
        <p className="note">
          The original is kept in <code>{loaded.backup}</code>.
        </p>
      )}
    </div>
  );
}
