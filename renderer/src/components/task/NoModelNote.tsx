import type { LiveRun } from "../../store/runsSlice.js";

// What the models slice says when nothing usable is selected (agent/models/LocalModelsApi.ts).
const NO_MODEL = /not downloaded|models pull|models use|not in the catalog|no model/i;

/** True when the run ended before its first step because no model could be loaded. */
export function endedForWantOfModel(run: LiveRun): boolean {
  return run.state === "finished" && run.status === "error" && run.steps.length === 0 && NO_MODEL.test(run.reason ?? "");
}

/** The empty state of a panel with no model: what happened and where to get one. */
export function NoModelNote({ reason }: { reason: string }) {
  return (
    <section aria-labelledby="no-model-title" className="no-model">
      <header>
        <h2 id="no-model-title">No model yet</h2>
      </header>
      <p>DeskPilot needs a vision model to see the screen and decide what to do; the run stopped before its first step.</p>
      <p className="error" role="alert">
        {reason}
      </p>
      <p>
        Open the <b>Models</b> tab and download Qwen2.5-VL (the 3B model, about 3 GB, runs on most machines), or set a remote
        endpoint in <b>Settings</b>. Then press Run again.
      </p>
    </section>
  );
}
