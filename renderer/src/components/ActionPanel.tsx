import { useAppStore } from "../store/StoreContext.js";
import { ErrorNote } from "./ErrorNote.js";

/** Runs one computer_use action (global logical pixels), dry-run by default. */
export function ActionPanel() {
  const text = useAppStore((s) => s.actionText);
  const dryRun = useAppStore((s) => s.dryRun);
  const running = useAppStore((s) => s.actionRunning);
  const error = useAppStore((s) => s.actionError);
  const outcome = useAppStore((s) => s.actionOutcome);
  const setText = useAppStore((s) => s.setActionText);
  const setDryRun = useAppStore((s) => s.setDryRun);
  const runAction = useAppStore((s) => s.runAction);

  return (
    <section aria-labelledby="action-title">
      <header>
        <h2 id="action-title">Action</h2>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void runAction();
        }}
      >
        <label htmlFor="action-json">computer_use action (JSON)</label>
        <textarea id="action-json" rows={4} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="row">
          <label>
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run (validate only, send no input)
          </label>
          <button type="submit" disabled={running}>
            {running ? "Running…" : dryRun ? "Validate" : "Run"}
          </button>
        </div>
      </form>
      {error && <ErrorNote error={error} />}
      {outcome && (
        <p className="outcome" role="status">
          {outcome.dryRun ? "Valid (dry run): " : "Done: "}
          <code>{outcome.action.action}</code>
          {outcome.point && ` at ${outcome.point.x}, ${outcome.point.y}`}
          {outcome.display && ` on display ${outcome.display.id}`}
        </p>
      )}
    </section>
  );
}
