import { useState } from "react";
import { useAppStore } from "../../store/StoreContext.js";
import type { MacroStepEvent } from "../../store/macrosSlice.js";
import { ErrorNote } from "../ErrorNote.js";

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

function found(e: MacroStepEvent): string {
  if (!e.method) return "";
  return e.method === "recorded" ? "recorded point" : `${e.method}${e.confidence !== undefined ? ` ${e.confidence.toFixed(2)}` : ""}`;
}

/** Plays the saved macro with values for its variables, showing each step as the service reports it, then the outcome. */
export function MacroPlayPanel() {
  const file = useAppStore((s) => s.openMacroFile);
  const draft = useAppStore((s) => s.macroDraft);
  const dirty = useAppStore((s) => s.macroDraftDirty);
  const play = useAppStore((s) => s.macroPlay);
  const start = useAppStore((s) => s.playMacro);
  const stop = useAppStore((s) => s.stopMacroPlay);
  const answer = useAppStore((s) => s.answerMacroConfirm);
  const [values, setValues] = useState<Record<string, string>>({});
  const [fast, setFast] = useState(false);
  if (!file || !draft) return null;
  const variables = Object.entries(draft.variables);
  const shown = play?.file === file ? play : undefined;
  const events = shown ? Object.values(shown.steps).sort((a, b) => a.step - b.step) : [];
  const finished = events.filter((e) => e.outcome !== "running").length;
  const current = events.find((e) => e.outcome === "running");
  const report = shown?.report;

  return (
    <section aria-labelledby="macro-play-title">
      <header>
        <h2 id="macro-play-title">Play {file}</h2>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // Only values the user typed: an empty field falls back to the variable's default in the service.
          const given = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== "" && k in draft.variables));
          void start(file, given, fast);
        }}
      >
        {variables.length > 0 && (
          <fieldset>
            <legend>Variables</legend>
            {variables.map(([name, v]) => (
              <div key={name}>
                <label htmlFor={`macro-var-${name}`}>{`{{${name}}}`}</label>
                <input
                  id={`macro-var-${name}`}
                  value={values[name] ?? ""}
                  placeholder={v.default !== undefined ? `default: ${v.default}` : "required"}
                  required={v.default === undefined}
                  onChange={(e) => setValues({ ...values, [name]: e.target.value })}
                />
                {v.description && <span className="empty"> {v.description}</span>}
              </div>
            ))}
          </fieldset>
        )}
        <div className="row">
          <label>
            <input type="checkbox" checked={fast} onChange={(e) => setFast(e.target.checked)} /> Fast mode (replay the recorded coordinates: no matching, no
            checks)
          </label>
          <span>
            {shown?.running ? (
              <button type="button" onClick={() => void stop()}>
                Stop
              </button>
            ) : (
              <button type="submit" disabled={dirty}>
                Play
              </button>
            )}
          </span>
        </div>
        {dirty && <p className="empty">Save your edits first: a replay plays the saved file.</p>}
      </form>
      {shown?.confirm && (
        <div role="alertdialog" aria-labelledby="macro-confirm-title" className="macro-confirm">
          <p id="macro-confirm-title">
            <strong>Allow this step?</strong> The safety policy asks: {shown.confirm.reason}
          </p>
          <p>
            <code>{JSON.stringify(shown.confirm.action)}</code>
          </p>
          <button type="button" onClick={() => void answer(true)}>
            Allow
          </button>{" "}
          <button type="button" onClick={() => void answer(false)}>
            Refuse
          </button>
        </div>
      )}
      {shown && (
        <div role="status" aria-label="Replay progress" className="macro-progress">
          <progress max={shown.total || 1} value={finished} />
          <p>
            {shown.running
              ? current
                ? `Step ${current.step} of ${current.steps}: ${current.summary}…`
                : "Starting…"
              : report
                ? report.ok
                  ? `Played ${report.steps.length} steps in ${ms(report.totalMs)} (median step ${ms(report.medianStepMs)})`
                  : `Stopped at step ${report.failedStep} of ${shown.total}`
                : "Did not start"}
          </p>
          <ol className="macro-step-outcomes">
            {events.map((e) => (
              <li key={e.step} value={e.step} className={`macro-outcome-${e.outcome}`}>
                {e.summary} — {e.outcome}
                {e.outcome !== "running" &&
                  (found(e) || e.ms !== undefined) &&
                  ` (${[found(e), e.ms !== undefined ? ms(e.ms) : ""].filter(Boolean).join(", ")})`}
              </li>
            ))}
          </ol>
        </div>
      )}
      {report && !report.ok && (
        <p className="error" role="alert">
          Step {report.failedStep} failed: {report.reason}. Nothing was sent after it.
          {report.dir && ` The screen as searched and the recorded crop are in ${report.dir}.`}
        </p>
      )}
      {shown?.error && <ErrorNote error={shown.error} />}
    </section>
  );
}
