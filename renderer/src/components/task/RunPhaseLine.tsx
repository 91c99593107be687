import type { LivePhase } from "../../store/runsSlice.js";
import { formatElapsed, phaseLabel } from "./describePhase.js";
import { useTicker } from "./useTicker.js";

/** What the run does now and for how long ("asking the model 3.7 s"), ticking; loading the model gets its own progress line. */
export function RunPhaseLine({ phase }: { phase: LivePhase }) {
  const now = useTicker(true);
  const elapsed = formatElapsed(now - phase.since);
  if (phase.name === "loading-model") {
    return (
      <div className="run-phase loading-model">
        <p role="status" aria-label="Run phase">
          {phaseLabel(phase.name)} {elapsed}
        </p>
        {phase.detail && <p className="run-phase-detail">{phase.detail}</p>}
        <progress aria-label="Loading the model" />
        <p className="hint">
          The first run loads the model into memory, which can take a minute; later runs reuse it. Nothing on the screen is touched meanwhile.
        </p>
      </div>
    );
  }
  return (
    <p className="run-phase" role="status" aria-label="Run phase">
      {phase.step !== undefined && <span className="run-phase-step">Step {phase.step}: </span>}
      {phaseLabel(phase.name)} {elapsed}
    </p>
  );
}
