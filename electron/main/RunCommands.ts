import type { RunActivity } from "./RunActivity.js";

/** The service methods the stop/pause controls use. */
export interface RunControlsService {
  stopRun(runId: string): Promise<void>;
  pauseRun(runId: string): Promise<void>;
  resumeRun(runId: string): Promise<void>;
  stopMacro(reason?: string): Promise<void>;
}

/**
 * Stop, pause and resume over everything that acts, shared by the hotkeys, the tray and the
 * widget. Each service call takes effect synchronously (the run's control aborts at once), so a
 * stop lands before the run's next input event; the returned promises only report failures.
 */
export class RunCommands {
  constructor(
    private readonly service: RunControlsService,
    private readonly activity: RunActivity,
    private readonly log: (message: string, error?: unknown) => void = (m, e) => console.warn(m, ...(e === undefined ? [] : [e])),
  ) {}

  /** Stops every unfinished run and the macro replay. */
  stopAll(reason: string): void {
    const { runs, macro } = this.activity.snapshot;
    for (const [runId, state] of runs) {
      if (state !== "stopping") this.settle(`stop run ${runId}`, this.service.stopRun(runId));
    }
    if (macro) this.settle("stop the macro", this.service.stopMacro(reason));
  }

  /** Pauses the running runs, or resumes them when all are paused (macros cannot pause). */
  togglePause(): void {
    const { runs, phase } = this.activity.snapshot;
    for (const [runId, state] of runs) {
      if (phase === "paused" && state === "paused") this.settle(`resume run ${runId}`, this.service.resumeRun(runId));
      else if (phase !== "paused" && state === "running") this.settle(`pause run ${runId}`, this.service.pauseRun(runId));
    }
  }

  pause(): void {
    if (this.activity.snapshot.phase !== "paused") this.togglePause();
  }

  resume(): void {
    if (this.activity.snapshot.phase === "paused") this.togglePause();
  }

  private settle(what: string, call: Promise<void>): void {
    call.catch((error: unknown) => this.log(`deskpilot: could not ${what}:`, error));
  }
}
