import { useEffect } from "react";
import { useAppStore } from "../store/StoreContext.js";
import { isModelMissing } from "../store/runsSlice.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { TaskForm } from "../components/task/TaskForm.js";
import { LiveRunView } from "../components/task/LiveRunView.js";
import { ConfirmDialog } from "../components/task/ConfirmDialog.js";
import { NoModelNote } from "../components/task/NoModelNote.js";

/** Give DeskPilot a task, watch it step by step, steer it, and answer the policy's questions. */
export function TaskScreen() {
  const run = useAppStore((s) => s.liveRun);
  const error = useAppStore((s) => s.runError);
  const confirm = useAppStore((s) => s.confirms[0]);
  const answerConfirm = useAppStore((s) => s.answerConfirm);
  const loadActiveRuns = useAppStore((s) => s.loadActiveRuns);
  const missing = useAppStore((s) => s.missingModel);
  const checkModel = useAppStore((s) => s.checkModel);
  // A panel opened (or reloaded) while a run goes takes it over, with any question it is waiting on.
  useEffect(() => void loadActiveRuns(), [loadActiveRuns]);
  // Checked each time the screen shows, so a model pulled on the Models screen clears the note.
  useEffect(() => void checkModel(), [checkModel]);
  const refused = isModelMissing(error);
  // A run going (or shown) has a model; else a refused Run or the panel's own check says what is missing.
  const noModel = refused || (!run && missing !== undefined);

  return (
    <>
      <section aria-labelledby="task-title">
        <header>
          <h2 id="task-title">New task</h2>
        </header>
        <TaskForm />
        {error && !refused && <ErrorNote error={error} />}
      </section>
      {noModel && (
        <NoModelNote
          reason={refused ? error!.message : missing!.reason}
          refused={refused}
          {...(missing?.suggestion ? { suggestion: missing.suggestion } : {})}
        />
      )}
      {!run && !noModel && (
        <p className="empty">
          No run yet: describe a task in plain words and press Run. DeskPilot then moves the mouse and types for you; Pause or Stop it here at any time.
        </p>
      )}
      {run && !noModel && <LiveRunView key={run.runId} run={run} />}
      {confirm && <ConfirmDialog key={confirm.requestId} prompt={confirm} onAnswer={(allow) => void answerConfirm(confirm.requestId, allow)} />}
    </>
  );
}
