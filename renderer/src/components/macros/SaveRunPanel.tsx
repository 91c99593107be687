import { useEffect, useState } from "react";
import { useAppStore } from "../../store/StoreContext.js";
import { ErrorNote } from "../ErrorNote.js";

/** Saves a successful agent run as a macro: its executed steps, with crops and descriptions, replay without the model. */
export function SaveRunPanel() {
  const choices = useAppStore((s) => s.macroRunChoices);
  const unlisted = useAppStore((s) => s.macroRunsUnlisted);
  const error = useAppStore((s) => s.macroRunError);
  const note = useAppStore((s) => s.macroRunNote);
  const saving = useAppStore((s) => s.savingRunAsMacro);
  const load = useAppStore((s) => s.loadMacroRunChoices);
  const save = useAppStore((s) => s.saveRunAsMacro);
  const [runId, setRunId] = useState("");
  const [name, setName] = useState("");
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="macro-run-title">
      <header>
        <h2 id="macro-run-title">Save a run as a macro</h2>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(runId.trim(), name.trim());
        }}
      >
        {unlisted || !choices ? (
          <>
            <label htmlFor="macro-run-id">Run id</label>
            <input
              id="macro-run-id"
              required
              value={runId}
              placeholder="the run's folder name, e.g. run-2026-11-26T13-05-00-000Z"
              onChange={(e) => setRunId(e.target.value)}
            />
          </>
        ) : choices.length === 0 ? (
          <p className="empty">No successful runs yet: a run that ended with success can be saved here.</p>
        ) : (
          <>
            <label htmlFor="macro-run-id">Successful run</label>
            <select id="macro-run-id" required value={runId} onChange={(e) => setRunId(e.target.value)}>
              <option value="">choose a run…</option>
              {choices.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.task} — {r.startedAt} ({r.steps} steps)
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="macro-run-name">Macro name</label>
        <input id="macro-run-name" required value={name} onChange={(e) => setName(e.target.value)} />
        <div className="row">
          <span />
          <button type="submit" disabled={saving}>
            {saving ? "Saving…" : "Save run as macro"}
          </button>
        </div>
      </form>
      {note && (
        <p className="outcome" role="status">
          {note}
        </p>
      )}
      {error && <ErrorNote error={error} />}
    </section>
  );
}
