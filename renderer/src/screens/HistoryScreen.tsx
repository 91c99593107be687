import { useEffect } from "react";
import { useAppStore } from "../store/StoreContext.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { RunList } from "../components/history/RunList.js";
import { RunDetailView } from "../components/history/RunDetailView.js";
import { ErrorBoundary } from "../components/ErrorBoundary.js";

/** Past runs, newest first; open one to step through it below the list, or download its report. */
export function HistoryScreen() {
  const runs = useAppStore((s) => s.runList);
  const loading = useAppStore((s) => s.runListLoading);
  const error = useAppStore((s) => s.runListError);
  const opened = useAppStore((s) => s.openedRun);
  const openingId = useAppStore((s) => s.openingRunId);
  const openError = useAppStore((s) => s.openedRunError);
  const loadRunList = useAppStore((s) => s.loadRunList);
  const openRun = useAppStore((s) => s.openRun);
  const closeRun = useAppStore((s) => s.closeRun);
  const forgetRunList = useAppStore((s) => s.forgetRunList);
  useEffect(() => {
    void loadRunList();
    return forgetRunList;
  }, [loadRunList, forgetRunList]);

  return (
    <>
      <section aria-labelledby="history-title">
        <header>
          <h2 id="history-title">History</h2>
          <button type="button" onClick={() => void loadRunList()} disabled={loading}>
            {loading ? "Loading…" : "Refresh"}
          </button>
        </header>
        {error && <ErrorNote error={error} />}
        {openError && <ErrorNote error={openError} />}
        {openingId && <p role="status">Opening run {openingId}…</p>}
        {runs && runs.length === 0 && <p className="empty">No runs yet: every task you run on the Task screen (or with `deskpilot run`) is recorded here.</p>}
        {runs && runs.length > 0 && <RunList runs={runs} {...(opened ? { opened: opened.summary.runId } : {})} onOpen={(id) => void openRun(id)} />}
      </section>
      {/* A run record this view cannot draw fails alone: the list stays, and Close puts it away. */}
      {opened && (
        <ErrorBoundary key={opened.summary.runId} what={`Run ${opened.summary.runId}`} actions={[{ label: "Close this run", run: closeRun }]}>
          <RunDetailView run={opened} onClose={closeRun} />
        </ErrorBoundary>
      )}
    </>
  );
}
