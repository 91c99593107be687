import type { ModelSuggestion } from "../../store/missingModel.js";
import { openScreen } from "./openScreen.js";

interface Props {
  /** What is missing, in words: the service's refusal after Run, or the panel's own check when it opened. */
  readonly reason: string;
  /** A model the Models screen can download for this machine, when the catalog names one. */
  readonly suggestion?: ModelSuggestion;
  /** True once Run was pressed and refused (MODEL_NOT_INSTALLED, UNKNOWN_MODEL): nothing started. */
  readonly refused: boolean;
}

/** The first-run note of a panel with no model: why nothing can run yet, and the two ways to get a model. */
export function NoModelNote({ reason, suggestion, refused }: Props) {
  return (
    <section aria-labelledby="no-model-title" className="no-model">
      <header>
        <h2 id="no-model-title">No model yet</h2>
      </header>
      <p>
        DeskPilot needs a vision model to see the screen and decide what to do
        {refused ? ": the run did not start, and nothing on the screen was touched." : ", and none is ready on this machine."}
      </p>
      <p className={refused ? "error" : undefined} role={refused ? "alert" : undefined}>
        {reason}
      </p>
      <ul className="no-model-ways">
        <li>
          {suggestion ? (
            <>
              Download the recommended model, <b>{suggestion.title}</b> ({suggestion.quant}, about {suggestion.gigabytes} GB), on the Models screen.
            </>
          ) : (
            <>Download a model on the Models screen (Qwen2.5-VL 3B, about 3 GB, runs on most machines).</>
          )}
        </li>
        <li>
          Already have GGUF files (a model and its mmproj)? Choose them under <b>Use these files</b> on the Models screen.
        </li>
        <li>
          Or set a remote endpoint in <b>Settings</b>.
        </li>
      </ul>
      <p>
        <button type="button" className="primary" onClick={() => openScreen("models")}>
          Open the Models screen
        </button>{" "}
        {refused && "Then press Run again."}
      </p>
    </section>
  );
}
