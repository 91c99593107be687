import { useEffect, useRef, useState } from "react";
import type { RunDetail } from "../../../../agent/runs/RunHistoryApi.js";
import { useAppStore } from "../../store/StoreContext.js";
import { shotKey } from "../../store/historySlice.js";
import { ErrorNote } from "../ErrorNote.js";
import { StepShotView } from "../task/StepShotView.js";
import { StepTimeline, formatMs } from "../task/StepTimeline.js";
import { describeAction } from "../task/describeAction.js";
import { saveHtmlFile } from "./saveHtmlFile.js";

/** One past run: its steps, the chosen step's screen with the action drawn over it, and its report. */
export function RunDetailView({ run, onClose }: { run: RunDetail; onClose: () => void }) {
  const { summary } = run;
  const [chosen, setChosen] = useState(run.steps[0]?.step);
  const step = run.steps.find((s) => s.step === chosen);
  const shot = useAppStore((s) => (step ? s.stepShots[shotKey(summary.runId, step.step)] : undefined));
  const loadStepShot = useAppStore((s) => s.loadStepShot);
  const fetchReport = useAppStore((s) => s.fetchReport);
  const reportError = useAppStore((s) => s.reportError);
  const [saving, setSaving] = useState(false);
  const box = useRef<HTMLElement>(null);
  // A block body: an effect's return value is its cleanup, and Chromium's scrollIntoView returns a Promise.
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: "start" });
  }, []);
  const wantShot = step?.hasScreenshot && !shot ? step.step : undefined;
  useEffect(() => {
    if (wantShot !== undefined) void loadStepShot(summary.runId, wantShot);
  }, [summary.runId, wantShot, loadStepShot]);

  const downloadReport = async () => {
    setSaving(true);
    const html = await fetchReport(summary.runId);
    setSaving(false);
    if (html !== undefined) saveHtmlFile(`deskpilot-run-${summary.runId}.html`, html);
  };

  return (
    <section aria-labelledby="run-detail-title" className="run-detail" ref={box}>
      <header>
        <h2 id="run-detail-title">{summary.task ? `Run: ${summary.task}` : `Run ${summary.runId}`}</h2>
        <button type="button" onClick={() => void downloadReport()} disabled={saving}>
          {saving ? "Preparing…" : "Download report"}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p>
        {summary.status ? `${summary.status}: ${summary.reason ?? ""}` : "Unfinished (still running, or it crashed)"} · {summary.steps} steps
        {summary.totalMs !== undefined && ` in ${formatMs(summary.totalMs)}`} · started {new Date(summary.startedAt).toLocaleString()}
        {summary.dryRun && " · dry run"}
      </p>
      {reportError && <ErrorNote error={reportError} />}
      {run.steps.length === 0 && <p className="empty">This run recorded no step.</p>}
      {step && (
        <div className="run-step-detail">
          <p className="step-line">
            Step {step.step} · {step.outcome} · {describeAction(step.action)} · {step.observation}
          </p>
          {step.policy && step.policy.verdict === "confirm" && (
            <p className="confirm-reason">
              The policy asked ({step.policy.reasons.join("; ")})
              {step.policy.confirmed !== undefined && `: the user ${step.policy.confirmed ? "allowed" : "denied"} it`}
            </p>
          )}
          {step.hasScreenshot ? <StepShotView step={step.step} shot={shot} /> : <p className="empty">No screenshot for this step.</p>}
          <details>
            <summary>The model's answer</summary>
            <pre className="raw-answer">{step.raw ?? "(none: the model failed or timed out)"}</pre>
          </details>
        </div>
      )}
      {run.steps.length > 0 && (
        <StepTimeline runId={summary.runId} steps={run.steps.map((s) => ({ ...s, ms: s.timings.totalMs }))} selected={chosen} onSelect={setChosen} />
      )}
    </section>
  );
}
