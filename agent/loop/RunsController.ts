import { randomUUID } from "node:crypto";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import type { RunStore } from "../runs/RunStore.js";
import type { RunsApi } from "../service/DeskPilotService.js";
import type { RunState, ServiceEvent } from "../service/ServiceEvents.js";
import { defaultAgentOptions, type AgentOptions, type AgentPorts, type ConfirmRequest, type RunResult } from "./AgentPorts.js";
import type { Decider } from "./Decider.js";
import { RunControl } from "./RunControl.js";
import { runAgent } from "./runAgent.js";

/** What every run is built from; one decider per run, so an engine session can live as long as the run. */
export interface RunEnvironment extends Pick<AgentPorts, "screen" | "input" | "clock" | "inspector" | "failSafe"> {
  readonly store: RunStore;
  readonly createDecider: (signal: AbortSignal) => Promise<Decider>;
  /** Options for every run: policy, token bounds, timeouts, settle; the per-run ones override. */
  readonly defaults: Omit<AgentOptions, "runId" | "task" | "maxSteps" | "dryRun"> & Partial<Pick<AgentOptions, "maxSteps" | "dryRun">>;
  /** Time between fail-safe polls while a run is busy (generation, settling), ms; 0 turns polling off. */
  readonly failSafePollMs?: number;
}

interface Active {
  readonly control: RunControl;
  readonly done: Promise<RunResult>;
  state: RunState;
}

/**
 * The service's runs slice: starts runs in the background, turns their progress into service
 * events, and routes confirmations through `confirm-request` events and `answerConfirm`, so the
 * CLI's terminal prompt and the control panel's dialog are two clients of the same requests.
 */
export class RunsController implements RunsApi {
  private readonly runs = new Map<string, Active>();
  private readonly pending = new Map<string, (allow: boolean) => void>();

  constructor(
    private readonly env: RunEnvironment,
    private readonly emit: (event: ServiceEvent) => void,
  ) {}

  async startRun(task: string, options: { maxSteps?: number; dryRun?: boolean } = {}): Promise<{ runId: string }> {
    if (!task.trim()) throw new DeskPilotError("BAD_USAGE", "The task is empty; say in plain words what to do.");
    const runId = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}`;
    const control = new RunControl();
    const active: Active = { control, state: "running", done: this.execute(runId, task, options, control) };
    this.runs.set(runId, active);
    control.onChange((s) => this.setState(runId, s === "stopped" ? "stopping" : s, control.reason));
    this.setState(runId, "running");
    return { runId };
  }

  /** Resolves when the run ends, with how it ended. */
  result(runId: string): Promise<RunResult> {
    return this.get(runId).done;
  }

  async pauseRun(runId: string): Promise<void> {
    this.get(runId).control.pause();
  }

  async resumeRun(runId: string): Promise<void> {
    this.get(runId).control.resume();
  }

  async stopRun(runId: string, reason = "stopped by the user"): Promise<void> {
    this.get(runId).control.stop(reason);
  }

  async runState(runId: string): Promise<RunState> {
    return this.get(runId).state;
  }

  async answerConfirm(requestId: string, allow: boolean): Promise<void> {
    const answer = this.pending.get(requestId);
    if (!answer) throw new DeskPilotError("UNKNOWN_REQUEST", `No open confirmation ${requestId}; it was answered or its run ended.`);
    answer(allow);
  }

  /** Stops every run and waits for them to end. */
  async dispose(): Promise<void> {
    for (const r of this.runs.values()) r.control.stop("the service is shutting down");
    await Promise.allSettled([...this.runs.values()].map((r) => r.done));
  }

  private async execute(runId: string, task: string, options: { maxSteps?: number; dryRun?: boolean }, control: RunControl): Promise<RunResult> {
    await Promise.resolve(); // let startRun return (and clients subscribe) first
    const { env } = this;
    const record = await env.store.open(runId);
    const poll = this.pollFailSafe(control);
    let decider: Decider | undefined;
    try {
      control.signal.throwIfAborted(); // stopped before the model even started loading
      decider = await env.createDecider(control.signal);
      const result = await runAgent(
        {
          screen: env.screen, input: env.input, clock: env.clock, record, control, decider,
          confirm: (r) => this.confirm(runId, r),
          ...(env.inspector ? { inspector: env.inspector } : {}),
          ...(env.failSafe ? { failSafe: env.failSafe } : {}),
          onStep: (e) => this.emit({
            type: "run-step", runId, step: e.step, outcome: e.outcome, observation: e.observation, ms: e.timings.totalMs,
            ...(e.screenAction ? { action: e.screenAction } : {}), ...(e.point ? { point: e.point } : {}), ...(e.screenshot ? { screenshot: e.screenshot } : {}),
          }),
        },
        { ...defaultAgentOptions, ...env.defaults, ...definedOnly(options), runId, task },
      );
      this.setState(runId, "finished", result.reason, { status: result.status, ...(result.dir ? { dir: result.dir } : {}) });
      return result;
    } catch (error) {
      // Only set-up can fail here (loading the model, opening the record): runAgent reports its own failures.
      const stopped = control.signal.aborted;
      const status = stopped ? "stopped" : "error";
      const reason = stopped ? (control.reason ?? "stopped") : (error as Error).message;
      await record.append({ type: "run-end", at: new Date().toISOString(), status, reason, steps: 0, totalMs: 0 }).catch(() => undefined);
      this.setState(runId, "finished", reason, { status, ...(record.dir ? { dir: record.dir } : {}) });
      return { runId, status, reason, steps: 0, ...(record.dir ? { dir: record.dir } : {}) };
    } finally {
      clearInterval(poll);
      await decider?.dispose();
    }
  }

  private confirm(runId: string, request: ConfirmRequest): Promise<boolean> {
    const requestId = randomUUID();
    return new Promise<boolean>((resolve) => {
      const settle = (allow: boolean) => {
        this.pending.delete(requestId);
        request.signal.removeEventListener("abort", onAbort);
        resolve(allow);
      };
      const onAbort = () => settle(false);
      if (request.signal.aborted) return resolve(false);
      this.pending.set(requestId, settle);
      request.signal.addEventListener("abort", onAbort, { once: true });
      this.emit({ type: "confirm-request", runId, requestId, action: request.action, reason: request.reasons.join("; ") });
    });
  }

  /** Polls the fail-safe corner while the loop is busy elsewhere, so a push into the corner stops generation too. */
  private pollFailSafe(control: RunControl): ReturnType<typeof setInterval> | undefined {
    const { failSafe, failSafePollMs = 250 } = this.env;
    if (!failSafe || failSafePollMs <= 0) return undefined;
    const timer = setInterval(() => {
      void failSafe().then((reason) => reason && control.stop(reason), () => undefined);
    }, failSafePollMs);
    timer.unref();
    return timer;
  }

  private setState(runId: string, state: RunState, reason?: string, extra: { status?: string; dir?: string } = {}): void {
    const run = this.runs.get(runId);
    if (!run || run.state === "finished") return;
    run.state = state;
    this.emit({ type: "run-state", runId, state, ...(reason ? { reason } : {}), ...extra });
  }

  private get(runId: string): Active {
    const run = this.runs.get(runId);
    if (!run) throw new DeskPilotError("UNKNOWN_RUN", `No run ${runId}.`);
    return run;
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
