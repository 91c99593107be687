import type { ComputerAction } from "../../../../agent/actions/ComputerAction.js";
import { describeAction } from "./describeAction.js";
import { StepThumb } from "./StepThumb.js";

/** What the timeline needs of a step, live or recorded. */
export interface TimelineStep {
  readonly step: number;
  readonly action?: ComputerAction;
  readonly outcome?: string;
  readonly observation?: string;
  readonly ms?: number;
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
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** "850 ms", "2.4 s". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
