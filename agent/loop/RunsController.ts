import { randomUUID } from "node:crypto";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import { ConfirmBroker } from "../policy/ConfirmBroker.js";
import { combineInspectors, type TargetInspector } from "../policy/TargetInfo.js";
import type { RunStore } from "../runs/RunStore.js";
import type { ActiveRun, RunsApi } from "./RunsApi.js";
import type { ConfirmEvent } from "../policy/ConfirmEvent.js";
import type { RunEvent, RunEventOf, RunState } from "./RunEvent.js";
import { defaultAgentOptions, type AgentOptions, type RunDefaults, type AgentPorts, type ConfirmRequest, type RunResult } from "./AgentPorts.js";
import type { Decider } from "./Decider.js";
import { LiveFrameStream } from "./LiveFrameStream.js";
import { RunControl } from "./RunControl.js";
import { runSteps, writeRunStart } from "./runAgent.js";
import type { RunPhase } from "./stepPhases.js";

/**
 * A run's model once loaded: the decider, and what asks the same loaded model about each
 * action's target for the policy (ModelTargetInspector, ScreenTextInspector), so a run never
 * loads a second model to inspect with.
 */
export interface LoadedRunModel {
  readonly decider: Decider;
  readonly inspector?: TargetInspector;
}

/** What every run is built from; one decider per run, so an engine session can live as long as the run. */
export interface RunEnvironment extends Pick<AgentPorts, "screen" | "input" | "clock" | "inspector" | "failSafe"> {
  readonly store: RunStore;
  /**
   * Loads the run's model after its record names the task (loading can take a minute, and fail);
   * calls `onLoading` (with what it loads, in words) when it has to wait for a model to load.
   */
  readonly createDecider: (signal: AbortSignal, onLoading?: (detail?: string) => void) => Promise<Decider | LoadedRunModel>;
  /**
   * Checked by startRun before a run exists: throws a coded error (MODEL_NOT_INSTALLED, …) that
   * says what to do when the run's model cannot be loaded, so no run starts only to end in error.
   */
  readonly preflight?: () => Promise<void>;
  /** Options for every run beyond defaultAgentOptions (policy, token bounds); the per-run ones override. */
  readonly defaults: RunDefaults;
  /** Time between fail-safe polls while a run is busy (generation, settling), ms; 0 turns polling off. */
  readonly failSafePollMs?: number;
  /** A model that loads for longer than this gets its own `loading-model` phase (a loaded one returns sooner), ms. */
  readonly loadingPhaseAfterMs?: number;
  /** Streams `run-frame` events for a panel's live view; off where nothing shows them (the CLI), so no frame is encoded for nothing. */
  readonly liveFrames?: boolean;
}

interface Active {
  readonly task: string;
  readonly dryRun: boolean;
  readonly control: RunControl;
  readonly done: Promise<RunResult>;
  state: RunState;
  /** Its last phase (since `at`, Date.now()) and live frame while it goes, for a client that takes the run over. */
  phase?: { readonly phase: RunPhase; readonly step?: number; readonly detail?: string; readonly at: number };
  frame?: RunEventOf<"run-frame">;
}

/**
 * The service's runs slice: starts runs in the background, turns their progress into service
 * events, and asks its confirmations through `confirms` (source "run"), so the CLI's terminal
 * prompt and the control panel's dialog are two clients of the same requests. The app passes
 * the service's one broker, shared with macro replays; alone (the CLI, tests) it has its own.
 */
export class RunsController implements RunsApi {
  private readonly runs = new Map<string, Active>();

  constructor(
    private readonly env: RunEnvironment,
    private readonly emit: (event: RunEvent | ConfirmEvent) => void,
    private readonly confirms: ConfirmBroker = new ConfirmBroker(emit),
  ) {}

  async startRun(task: string, options: { maxSteps?: number; dryRun?: boolean } = {}): Promise<{ runId: string }> {
    if (!task.trim()) throw new DeskPilotError("BAD_USAGE", "The task is empty; say in plain words what to do.");
    await this.env.preflight?.();
    const runId = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}`;
    const control = new RunControl();
    const dryRun = options.dryRun ?? this.env.defaults.dryRun ?? defaultAgentOptions.dryRun;
    const active: Active = { task, dryRun, control, state: "running", done: this.execute(runId, task, options, control) };
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

  /** The runs not finished yet, with their open confirmations: what a client that (re)connects takes over. */
  async activeRuns(): Promise<ActiveRun[]> {
    const open = this.confirms.open().filter((c) => c.source === "run");
    return [...this.runs.entries()]
      .filter(([, r]) => r.state !== "finished")
      .map(([runId, r]) => ({
        runId,
        task: r.task,
        state: r.state,
        dryRun: r.dryRun,
        confirms: open.filter((c) => c.runId === runId).map((c) => ({ requestId: c.requestId, action: c.action, reason: c.reason })),
        ...(r.phase ? { phase: { phase: r.phase.phase, ...optional(r.phase), elapsedMs: Date.now() - r.phase.at } } : {}),
        ...(r.frame ? { frame: { step: r.frame.step, image: r.frame.image, width: r.frame.width, height: r.frame.height } } : {}),
      }));
  }

  /** Answers an open confirmation through the runs' broker (the CLI's terminal prompt answers here). */
  answerConfirm(requestId: string, allow: boolean): Promise<void> {
    return this.confirms.answerConfirm(requestId, allow);
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
    const agentOptions: AgentOptions = { ...defaultAgentOptions, ...env.defaults, ...definedOnly(options), runId, task };
    let decider: Decider | undefined;
    const frames = env.liveFrames ? new LiveFrameStream((f) => this.emitFrame({ type: "run-frame", runId, ...f })) : undefined;
    try {
      // The task goes on record first, so a run that fails while its model loads still says what it was
      // asked. The line names the display: a screen that cannot be read yet puts it after the load instead
      // (where the old order had it), so a display server or permission coming up meanwhile still works.
      const recorded = await writeRunStart(env.screen, record, agentOptions).then(
        () => true,
        () => false,
      );
      control.signal.throwIfAborted(); // stopped before the model even started loading
      const loaded = await this.loadModel(runId, control.signal);
      if (!recorded) await writeRunStart(env.screen, record, agentOptions);
      decider = "decide" in loaded ? loaded : loaded.decider;
      const modelInspector = "decide" in loaded ? undefined : loaded.inspector;
      // The environment's inspectors (window app, …) win a field over the model's guesses.
      const inspectors = [env.inspector, modelInspector].filter((i): i is TargetInspector => i !== undefined);
      const result = await runSteps(
        {
          screen: env.screen,
          input: env.input,
          clock: env.clock,
          record,
          control,
          decider,
          confirm: (r) => this.confirm(runId, r),
          ...(inspectors.length ? { inspector: inspectors.length === 1 ? inspectors[0]! : combineInspectors(...inspectors) } : {}),
          ...(env.failSafe ? { failSafe: env.failSafe } : {}),
          onPhase: (phase, step) => this.emitPhase(runId, phase, step),
          ...(frames ? { onFrame: (capture, step) => frames.push(capture, step) } : {}),
          onStep: (e) =>
            this.emit({
              type: "run-step",
              runId,
              step: e.step,
              outcome: e.outcome,
              observation: e.observation,
              ms: e.timings.totalMs,
              timings: e.timings,
              ...(e.screenAction ? { action: e.screenAction } : {}),
              ...(e.point ? { point: e.point } : {}),
              ...(e.screenshot ? { screenshot: e.screenshot } : {}),
            }),
        },
        agentOptions,
      );
      this.setState(runId, "finished", result.reason, { status: result.status, ...(result.dir ? { dir: result.dir } : {}) });
      return result;
    } catch (error) {
      // Only set-up can fail here (recording the start, loading the model): runSteps reports its own failures.
      const stopped = control.signal.aborted;
      const status = stopped ? "stopped" : "error";
      const reason = stopped ? (control.reason ?? "stopped") : (error as Error).message;
      await record.append({ type: "run-end", at: new Date().toISOString(), status, reason, steps: 0, totalMs: 0 }).catch(() => undefined);
      await record.close().catch(() => undefined);
      this.setState(runId, "finished", reason, { status, ...(record.dir ? { dir: record.dir } : {}) });
      return { runId, status, reason, steps: 0, ...(record.dir ? { dir: record.dir } : {}) };
    } finally {
      frames?.dispose();
      clearInterval(poll);
      await decider?.dispose();
    }
  }

  /** The run's model; a load that takes a while is announced as the `loading-model` phase, so a client can say why nothing happens yet. */
  private async loadModel(runId: string, signal: AbortSignal): Promise<Decider | LoadedRunModel> {
    // Told by the environment that it waits for a load (with what it loads), or after a while
    // without word; said once, and again only to add what loads.
    let said: "plain" | "detailed" | undefined;
    const announce = (detail?: string) => {
      if (said === "detailed" || (said === "plain" && !detail)) return;
      said = detail ? "detailed" : "plain";
      this.emitPhase(runId, "loading-model", undefined, detail);
    };
    const timer = setTimeout(() => announce(), this.env.loadingPhaseAfterMs ?? 150);
    try {
      return await this.env.createDecider(signal, (detail) => !signal.aborted && announce(detail));
    } finally {
      clearTimeout(timer);
    }
  }

  private emitPhase(runId: string, phase: RunPhase, step?: number, detail?: string): void {
    const run = this.runs.get(runId);
    if (run) run.phase = { phase, at: Date.now(), ...optional({ step, detail }) };
    this.emit({ type: "run-phase", runId, phase, ...optional({ step, detail }) });
  }

  private emitFrame(frame: RunEventOf<"run-frame">): void {
    const run = this.runs.get(frame.runId);
    if (!run || run.state === "finished") return; // one still encoding as the run ended
    run.frame = frame; // only the newest is kept
    this.emit(frame);
  }

  /** Asks the user about a run's risky action; the run's stop answers no. */
  private confirm(runId: string, request: ConfirmRequest): Promise<boolean> {
    return this.confirms.ask({ source: "run", runId, action: request.action, reason: request.reasons.join("; "), signal: request.signal });
  }

  /** Polls the fail-safe corner while the loop is busy elsewhere, so a push into the corner stops generation too. */
  private pollFailSafe(control: RunControl): ReturnType<typeof setInterval> | undefined {
    const { failSafe, failSafePollMs = 250 } = this.env;
    if (!failSafe || failSafePollMs <= 0) return undefined;
    const timer = setInterval(() => {
      void failSafe().then(
        (reason) => reason && control.stop(reason),
        () => undefined,
      );
    }, failSafePollMs);
    timer.unref();
    return timer;
  }

  private setState(runId: string, state: RunState, reason?: string, extra: { status?: string; dir?: string } = {}): void {
    const run = this.runs.get(runId);
    if (!run || run.state === "finished") return;
    run.state = state;
    if (state === "finished") {
      // Finished runs stay listed for runState; their last frame must not pile up with them.
      run.phase = undefined;
      run.frame = undefined;
    }
    this.emit({ type: "run-state", runId, state, ...(reason ? { reason } : {}), ...extra });
  }

  private get(runId: string): Active {
    const run = this.runs.get(runId);
    if (!run) throw new DeskPilotError("UNKNOWN_RUN", `No run ${runId}.`);
    return run;
  }
}

/** `step` and `detail` where set. */
function optional(o: { step?: number | undefined; detail?: string | undefined }): { step?: number; detail?: string } {
  return { ...(o.step !== undefined ? { step: o.step } : {}), ...(o.detail !== undefined ? { detail: o.detail } : {}) };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
