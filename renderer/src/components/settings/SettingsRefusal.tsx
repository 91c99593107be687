import type { SettingsIssue } from "../../store/settingsSlice.js";
import { labelOf } from "./settingFields.js";

/**
 * Why the settings were not saved, every setting at once by its label, next to the Save button:
 * refused by the service (nothing written) or, before sending, not a value the form can send.
 */
export function SettingsRefusal({ issues, sent }: { issues: readonly SettingsIssue[]; sent: boolean }) {
  const count = issues.length === 1 ? "1 setting needs" : `${issues.length} settings need`;
  return (
    <div className="settings-refusal" role="alert" aria-labelledby="settings-refusal-title">
      <p id="settings-refusal-title">
        <strong>{sent ? "The save was refused" : "Not saved yet"}:</strong> {count} changing. Your edits are still here
        {sent ? "; the settings file stays as it was until a save is accepted." : "."}
      </p>
      <ul>
        {issues.map((i) => (
          <li key={`${i.path}: ${i.message}`}>
            <strong>{labelOf(i.path)}</strong> <code>{i.path}</code>: {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
