import { useAppStore } from "../../store/StoreContext.js";

/** The task in plain words, its step budget and dry-run switch, and the run's controls. */
export function TaskForm() {
  const taskText = useAppStore((s) => s.taskText);
  const maxSteps = useAppStore((s) => s.maxSteps);
  const dryRun = useAppStore((s) => s.taskDryRun);
  const starting = useAppStore((s) => s.runStarting);
  const state = useAppStore((s) => s.liveRun?.state);
  const setTaskText = useAppStore((s) => s.setTaskText);
  const setMaxSteps = useAppStore((s) => s.setMaxSteps);
  const setDryRun = useAppStore((s) => s.setTaskDryRun);
  const startRun = useAppStore((s) => s.startRun);
  const pauseRun = useAppStore((s) => s.pauseRun);
  const resumeRun = useAppStore((s) => s.resumeRun);
  const stopRun = useAppStore((s) => s.stopRun);
  const active = state !== undefined && state !== "finished";

  return (
    <form
      className="task-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!active && !starting) void startRun();
      }}
    >
      <label htmlFor="task-text">Task</label>
      <textarea
        id="task-text"
        rows={2}
        placeholder="e.g. Open the text editor and write a note saying hello"
        value={taskText}
        onChange={(e) => setTaskText(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl/Cmd+Enter runs; a plain Enter stays a new line.
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
        }}
      />
      <div className="task-options">
        <label>
          Max steps{" "}
          <input
            type="number"
            min={1}
            max={1000}
            value={maxSteps}
            onChange={(e) => setMaxSteps(Math.min(1000, Math.max(1, Math.round(Number(e.target.value) || 1))))}
          />
        </label>
        <label>
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run (plan and show, never touch mouse or keyboard)
        </label>
        <span className="task-buttons">
          <button type="submit" disabled={active || starting || !taskText.trim()}>
            {starting ? "Starting…" : "Run"}
          </button>
          {state === "paused" ? (
            <button type="button" onClick={() => void resumeRun()}>
              Resume
            </button>
          ) : (
            <button type="button" onClick={() => void pauseRun()} disabled={state !== "running"}>
              Pause
            </button>
          )}
          <button type="button" className="danger" onClick={() => void stopRun()} disabled={state !== "running" && state !== "paused"}>
            Stop
          </button>
        </span>
      </div>
    </form>
  );
}
