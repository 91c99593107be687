import type { ComputerAction } from "../../../../agent/actions/ComputerAction.js";
import type { Display, Point } from "../../../../agent/capture/Display.js";
import type { StepShot } from "../../store/historySlice.js";
import { ErrorNote } from "../ErrorNote.js";
import { describeAction } from "./describeAction.js";
import { captureSize, pointOnCapture } from "./screenGeometry.js";

interface Props {
  readonly step: number;
  readonly shot: StepShot | undefined;
  readonly action?: ComputerAction;
  readonly point?: Point;
  /** Needed to place the point; without it the overlay shows only the action. */
  readonly display?: Display;
}

/**
 * A step's screenshot with the model's point and the action drawn over it as SVG, in the
 * capture's own pixels (viewBox), so the mark stays on target at any displayed size.
 */
export function StepShotView({ step, shot, action, point, display }: Props) {
  if (shot && "error" in shot) return <ErrorNote error={shot.error} />;
  const size = display ? captureSize(display) : undefined;
  const mark = point && display ? pointOnCapture(point, display) : undefined;
  const label = `${step}: ${describeAction(action)}`;
  const r = size ? Math.max(8, size.width / 90) : 0;
  return (
    <figure className="step-shot">
      {shot ? <img src={shot.url} alt={`Screen at step ${step}`} /> : <div className="step-shot-loading">Loading the screenshot of step {step}…</div>}
      {shot && size && (
        <svg
          className="step-overlay"
          data-testid="step-overlay"
          role="img"
          aria-label={mark ? `${label} (screen ${point!.x}, ${point!.y})` : label}
          viewBox={`0 0 ${size.width} ${size.height}`}
          preserveAspectRatio="none"
        >
          {mark && (
            <g data-testid="overlay-point" data-x={mark.x} data-y={mark.y}>
              <circle cx={mark.x} cy={mark.y} r={r * 2} className="overlay-ring" strokeWidth={r / 3} />
              <line x1={mark.x - r * 3} y1={mark.y} x2={mark.x + r * 3} y2={mark.y} className="overlay-cross" strokeWidth={r / 4} />
              <line x1={mark.x} y1={mark.y - r * 3} x2={mark.x} y2={mark.y + r * 3} className="overlay-cross" strokeWidth={r / 4} />
            </g>
          )}
          <text
            data-testid="overlay-action"
            x={mark ? Math.min(mark.x + r * 3, size.width * 0.6) : r}
            y={mark ? Math.max(mark.y - r * 3, r * 3) : r * 3}
            fontSize={r * 1.6}
            className="overlay-label"
          >
            {label}
          </text>
        </svg>
      )}
    </figure>
  );
}
