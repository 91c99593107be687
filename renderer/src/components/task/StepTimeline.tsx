import type { ComputerAction } from "../../../../agent/actions/ComputerAction.js";
import type { StepTimings } from "../../../../agent/runs/RunLogEntry.js";
import { describeAction } from "./describeAction.js";
import { timingParts } from "./describePhase.js";
import { StepThumb } from "./StepThumb.js";

/** What the timeline needs of a step, live or recorded. */
export interface TimelineStep {
  readonly step: number;
  readonly action?: ComputerAction;
  readonly outcome?: string;
  readonly observation?: string;
  readonly ms?: number;
  /** Per phase, when known (a live step's event, a recorded step): shown under the step as the report shows them. */
  readonly timings?: StepTimings;
  readonly hasScreenshot: boolean;
}

interface Props {
  readonly runId: string;
  readonly steps: readonly TimelineStep[];
  readonly selected: number | undefined;
  readonly onSelect: (step: number) => void;
}

/** The run's steps in order, each with a thumbnail; choosing one shows it large. */
export function StepTimeline({ runId, steps, selected, onSelect }: Props) {
  return (
    <ol className="timeline" aria-label="Steps">
      {steps.map((s) => (
        <li key={s.step}>
          <button
            type="button"
            className={`timeline-step outcome-${s.outcome ?? "pending"}`}
            aria-pressed={s.step === selected}
            aria-label={`Step ${s.step}: ${describeAction(s.action)}, ${s.outcome ?? "pending"}`}
            onClick={() => onSelect(s.step)}
          >
            <StepThumb runId={runId} step={s.step} hasScreenshot={s.hasScreenshot} />
            <span className="timeline-text">
              <b>{s.step}</b> {describeAction(s.action)}
              <span className="timeline-outcome">
                {s.outcome ?? "pending"}
                {s.ms !== undefined && ` · ${formatMs(s.ms)}`}
              </span>
              {s.timings && <StepTimingsLine timings={s.timings} />}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** Where a step's time went: a bar split by phase and the phases in words ("model 3.4 s · act 80 ms"). */
function StepTimingsLine({ timings }: { timings: StepTimings }) {
  const parts = timingParts(timings);
  const total = Math.max(
    1,
    parts.reduce((sum, p) => sum + p.ms, 0),
  );
  return (
    <span className="timeline-timings" data-testid="step-timings">
      <span className="timing-bar" aria-hidden="true">
        {parts.map((p) => (
          <span key={p.name} className={`timing-${p.name}`} style={{ width: `${(100 * p.ms) / total}%` }} />
        ))}
      </span>
      {parts.map((p) => `${p.name} ${formatMs(p.ms)}`).join(" · ")}
    </span>
  );
}

/** "850 ms", "2.4 s". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
