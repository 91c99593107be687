import type { StepShot } from "../../store/historySlice.js";
import { ErrorNote } from "../ErrorNote.js";

interface Props {
  readonly step: number;
  readonly shot: StepShot | undefined;
}

/**
 * A step's screenshot as the run recorded it. The model's point and the action are already
 * drawn on it (FileRunStore, the same picture the HTML report and the run folder hold), so
 * nothing is drawn over it here: a second mark on the same spot only hid more of the target.
 * The step line above it says the action in words.
 */
export function StepShotView({ step, shot }: Props) {
  if (shot && "error" in shot) return <ErrorNote error={shot.error} />;
  return (
    <figure className="step-shot">
      {shot ? <img src={shot.url} alt={`Screen at step ${step}`} /> : <div className="step-shot-loading">Loading the screenshot of step {step}…</div>}
    </figure>
  );
}
