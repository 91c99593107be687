/** What the macros slice is doing: `idle` after a replay carries its outcome. */
export type MacroActivity = "playing" | "recording" | "idle";

/** Replay and recording progress, for the Macros screen (emitted by LocalMacros through the service). */
export type MacroEvent =
  | {
      type: "macro-state";
      state: MacroActivity;
      /** The macro playing, or the one that just finished. */
      name?: string;
      /** How many steps the macro has. */
      steps?: number;
      /** The replay's run record, and the runId of its `confirm-request` events. */
      runId?: string;
      /** While recording: the stop key was pressed, so no more input is recorded; the recording waits for a name. */
      stopKeyPressed?: boolean;
      /** After a replay: whether every step was done, else which step stopped it and why. */
      ok?: boolean;
      failedStep?: number;
      reason?: string;
    }
  | {
      type: "macro-step";
      name: string;
      /** 1-based, of `steps`. */
      step: number;
      steps: number;
      kind: string;
      summary: string;
      /** `running` when the step starts; then what happened to it. */
      outcome: "running" | "done" | "failed" | "refused";
      reason?: string;
      /** How the first target was found, and how sure the match was. */
      method?: "template" | "grounder" | "recorded";
      confidence?: number;
      ms?: number;
    };
