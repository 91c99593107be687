import { useState } from "react";
import { useAppStore } from "../../store/StoreContext.js";
import { shotKey } from "../../store/historySlice.js";
import type { LiveRun } from "../../store/runsSlice.js";
import { LiveFrameView } from "./LiveFrameView.js";
import { RunPhaseLine } from "./RunPhaseLine.js";
import { StepShotView } from "./StepShotView.js";
import { StepTimeline } from "./StepTimeline.js";
import { StopHint } from "./StopHint.js";
import { describeAction } from "./describeAction.js";

/** The live run: its state, the chosen step's screen with the action over it, and the timeline. */
export function LiveRunView({ run }: { run: LiveRun }) {
  // undefined follows the latest step; choosing one in the timeline pins it.
  const [pinned, setPinned] = useState<number | undefined>();
  const [showRaw, setShowRaw] = useState(false);
  const rawAnswers = useAppStore((s) => s.rawAnswers);
  const loadRawAnswers = useAppStore((s) => s.loadRawAnswers);
  const latest = run.steps.at(-1);
  const shown = run.steps.find((s) => s.step === pinned) ?? latest;
  const shot = useAppStore((s) => (shown ? s.stepShots[shotKey(run.runId, shown.step)] : undefined));
  const raw = shown ? rawAnswers[shown.step] : undefined;

  const toggleRaw = () => {
    setShowRaw(!showRaw);
    // The answers live in the run's log; fetch them when asked for a step not loaded yet.
    if (!showRaw && shown && raw === undefined) void loadRawAnswers();
  };

  return (
    <>
      <section aria-labelledby="live-title" className="live-run">
        <header>
          <h2 id="live-title">{run.task ? `Run: ${run.task}` : `Run ${run.runId}`}</h2>
          {run.dryRun && <span className="badge">dry run</span>}
          <span className={`run-state state-${run.state}`} role="status" aria-label="Run state">
            {stateLine(run)}
          </span>
        </header>
        {/* Paused: the state line says so, and no phase goes on that the user could wait for. */}
        {run.phase && run.state !== "paused" && <RunPhaseLine key={`${run.phase.step ?? 0}-${run.phase.name}-${run.phase.since}`} phase={run.phase} />}
        <StopHint active={run.state !== "finished"} />
        {run.frame && <LiveFrameView frame={run.frame} />}
        {!shown && !run.phase && <p className="empty">Waiting for the first step: DeskPilot is looking at the screen and asking the model.</p>}
        {shown && (
          <>
            <p className="step-line" data-testid="step-line">
              Step {shown.step} · {describeAction(shown.action)}
              {shown.observation && ` · ${shown.observation}`}
              {pinned !== undefined && latest && pinned !== latest.step && (
                <button type="button" className="link" onClick={() => setPinned(undefined)}>
                  Follow the latest step
                </button>
              )}
            </p>
            {shown.hasScreenshot ? <StepShotView step={shown.step} shot={shot} /> : <p className="empty">This step has no screenshot.</p>}
            <button type="button" aria-expanded={showRaw} onClick={toggleRaw}>
              {showRaw ? "Hide the model's answer" : "Show the model's answer"}
            </button>
            {showRaw && (
              <pre className="raw-answer" aria-label={`Model answer for step ${shown.step}`}>
                {raw ?? "Loading…"}
              </pre>
            )}
          </>
        )}
      </section>
      {run.steps.length > 0 && (
        <section aria-labelledby="timeline-title">
          <header>
            <h2 id="timeline-title">Steps</h2>
            <span>{run.steps.length}</span>
          </header>
          <StepTimeline runId={run.runId} steps={run.steps} selected={shown?.step} onSelect={setPinned} />
        </section>
      )}
    </>
  );
}

function stateLine(run: LiveRun): string {
  switch (run.state) {
    case "finished":
      return `Finished: ${run.status ?? "done"}${run.reason ? ` (${run.reason})` : ""}`;
    case "stopping":
      return "Stopping…";
    case "paused":
      return "Paused: no input is sent until you resume";
    default:
      return run.steps.length ? `Running, step ${run.steps.length}` : "Running";
  }
}
