import type { ErrorInfo, ServiceEvent } from "../../../electron/shared/ipcContract.js";
import type { ComputerAction } from "../../../agent/actions/ComputerAction.js";
import type { Display, Point } from "../../../agent/geometry/Display.js";
import type { RunState } from "../../../agent/loop/RunEvent.js";
import type { ActiveRun } from "../../../agent/loop/RunsApi.js";
import type { RunStepView } from "../../../agent/runs/RunHistoryApi.js";
import type { StepTimings } from "../../../agent/runs/RunLogEntry.js";
import type { RunPhase } from "../../../agent/loop/stepPhases.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";
import { missingModel, type MissingModel } from "./missingModel.js";

type EventOf<T extends ServiceEvent["type"]> = Extract<ServiceEvent, { type: T }>;

/** One step of the live run, as its `run-step` event told it. */
export interface LiveStep {
  readonly step: number;
  /** In global screen logical pixels; absent when the model's answer was unusable. */
  readonly action?: ComputerAction;
  readonly point?: Point;
  readonly outcome?: string;
  readonly observation?: string;
  readonly ms?: number;
  /** Where the step's time went (capture, model, act, …), as the run report shows it. */
  readonly timings?: StepTimings;
  readonly hasScreenshot: boolean;
}

/** What the live run does now, since when (this panel's Date.now() as it heard of it). */
export interface LivePhase {
  readonly name: RunPhase;
  readonly step?: number;
  /** loading-model: what loads ("model.gguf, 3.2 GB with its projector"), when the service knows. */
  readonly detail?: string;
  readonly since: number;
}

/** The latest screen the live run's steps captured, downscaled by the service (a JPEG data URL). */
export interface LiveFrame {
  readonly step: number;
  readonly image: string;
  readonly width: number;
  readonly height: number;
}

/** The run the Task screen shows: the one this panel started, or one it saw start. */
export interface LiveRun {
  readonly runId: string;
  readonly task: string;
  readonly dryRun: boolean;
  readonly state: RunState;
  readonly reason?: string;
  /** How it ended (success, failure, stopped, error, …), once finished. */
  readonly status?: string;
  readonly steps: readonly LiveStep[];
  /** The captured display, for placing a step's point on its screenshot (fetched with getRun). */
  readonly display?: Display;
  /** Until it finishes: its current phase, and the screen it works on (only the latest is kept). */
  readonly phase?: LivePhase;
  readonly frame?: LiveFrame;
}

/** A policy confirmation waiting for the user's answer. */
export interface ConfirmPrompt {
  readonly runId: string;
  readonly requestId: string;
  readonly action: ComputerAction;
  readonly reason: string;
}

export interface RunsSlice {
  taskText: string;
  maxSteps: number;
  taskDryRun: boolean;
  liveRun?: LiveRun;
  runStarting: boolean;
  /** A start or control call the service refused. */
  runError?: ErrorInfo;
  /** Open confirmations, oldest first. */
  confirms: ConfirmPrompt[];
  /** The model's raw answers of the live run by step, loaded on demand. */
  rawAnswers: Record<number, string>;
  /** Set when the panel's own check found no model to run with (before any Run was pressed). */
  missingModel?: MissingModel;
  setTaskText(text: string): void;
  setMaxSteps(steps: number): void;
  setTaskDryRun(dryRun: boolean): void;
  startRun(): Promise<void>;
  pauseRun(): Promise<void>;
  resumeRun(): Promise<void>;
  stopRun(): Promise<void>;
  answerConfirm(requestId: string, allow: boolean): Promise<void>;
  /**
   * Takes over what the service is running (a reloaded or newly opened panel): the run, its
   * steps so far from its record, and the confirmations it is waiting on.
   */
  loadActiveRuns(): Promise<void>;
  loadRawAnswers(): Promise<void>;
  /** Checks, each time the Task screen opens, whether a run would find a model (missingModel); a service without the models slice leaves it unset. */
  checkModel(): Promise<void>;
  onRunState(event: EventOf<"run-state">): void;
  onRunStep(event: EventOf<"run-step">): void;
  onRunPhase(event: EventOf<"run-phase">): void;
  onRunFrame(event: EventOf<"run-frame">): void;
  onConfirmRequest(event: EventOf<"confirm-request">): void;
  /** A confirmation settled elsewhere (another window, the run stopping): its dialog closes here too. */
  onConfirmAnswered(event: EventOf<"confirm-answered">): void;
}

export const DEFAULT_MAX_STEPS = 50;

/** The codes startRun fails with when there is no usable model (agent/service/selectedModelSource.ts). */
const MODEL_MISSING_CODES = new Set(["MODEL_NOT_INSTALLED", "UNKNOWN_MODEL"]);

/** True when the service refused to start a run because no model is installed or selected. */
export function isModelMissing(error: ErrorInfo | undefined): boolean {
  return error !== undefined && MODEL_MISSING_CODES.has(error.code);
}

export const createRunsSlice: SliceCreator<RunsSlice> = (client) => (set, get) => {
  let pendingTask: { task: string; dryRun: boolean } | undefined;
  let displayAsked = "";
  // Confirmations settled already (here or elsewhere): an older activeRuns answer must not bring them back.
  const settled = new Set<string>();

  /** Runs a control call on the live run; a refusal shows as runError. */
  const control = async (method: "pauseRun" | "resumeRun" | "stopRun") => {
    const run = get().liveRun;
    if (!run) return;
    set({ runError: undefined });
    try {
      await client.call(method, run.runId);
    } catch (error) {
      set({ runError: ClientError.info(error) });
    }
  };
  const adopt = (runId: string): LiveRun => {
    const started = pendingTask ?? { task: "", dryRun: false };
    return { runId, task: started.task, dryRun: started.dryRun, state: "running", steps: [] };
  };
  const isActive = (run: LiveRun | undefined) => run !== undefined && run.state !== "finished";
  /** The live run an event of `runId` is about: the one shown, else (nothing going here) that run, adopted. */
  const runFor = (runId: string): LiveRun | undefined => {
    const run = get().liveRun;
    if (run?.runId === runId) return run;
    // A run that started before this panel opened (or reloaded) shows from its next event on.
    return isActive(run) ? undefined : adopt(runId);
  };
  /** Fills a taken-over run's earlier steps and display from its record; steps seen as events stay as they are. */
  const fillFromRecord = async (runId: string) => {
    const detail = await client.call("getRun", runId);
    const live = get().liveRun;
    if (live?.runId !== runId) return;
    const seen = new Set(live.steps.map((s) => s.step));
    const steps = [...live.steps, ...detail.steps.filter((s) => !seen.has(s.step)).map(liveStepOf)].sort((a, b) => a.step - b.step);
    set({ liveRun: { ...live, steps, task: live.task || detail.summary.task, ...(detail.display ? { display: detail.display } : {}) } });
    const last = steps.at(-1);
    if (last?.hasScreenshot) void get().loadStepShot(runId, last.step);
  };

  return {
    taskText: "",
    maxSteps: DEFAULT_MAX_STEPS,
    taskDryRun: false,
    runStarting: false,
    confirms: [],
    rawAnswers: {},
    setTaskText(taskText) {
      set({ taskText });
    },
    setMaxSteps(maxSteps) {
      set({ maxSteps });
    },
    setTaskDryRun(taskDryRun) {
      set({ taskDryRun });
    },
    async startRun() {
      const { taskText, maxSteps, taskDryRun } = get();
      const task = taskText.trim();
      if (!task) {
        set({ runError: { code: "BAD_USAGE", message: "The task is empty; say in plain words what DeskPilot should do." } });
        return;
      }
      pendingTask = { task, dryRun: taskDryRun };
      set({ runStarting: true, runError: undefined, rawAnswers: {} });
      try {
        const { runId } = await client.call("startRun", task, { maxSteps, dryRun: taskDryRun });
        // Its first run-state event may have come before this reply and already made it live.
        if (get().liveRun?.runId !== runId) set({ liveRun: adopt(runId) });
        else set((s) => ({ liveRun: { ...s.liveRun!, task, dryRun: taskDryRun } }));
        set({ runStarting: false });
      } catch (error) {
        set({ runError: ClientError.info(error), runStarting: false });
      } finally {
        pendingTask = undefined;
      }
    },
    pauseRun: () => control("pauseRun"),
    resumeRun: () => control("resumeRun"),
    stopRun: () => control("stopRun"),
    async answerConfirm(requestId, allow) {
      settled.add(requestId);
      set((s) => ({ confirms: s.confirms.filter((c) => c.requestId !== requestId) }));
      try {
        await client.call("answerConfirm", requestId, allow);
      } catch (error) {
        set({ runError: ClientError.info(error) });
      }
    },
    async loadActiveRuns() {
      const askedAbout = get().liveRun;
      let active: ActiveRun[];
      try {
        active = await client.call("activeRuns");
      } catch (error) {
        const info = ClientError.info(error);
        // A service built without the runs slice has nothing to take over.
        if (info.code !== "UNKNOWN_METHOD") set({ runError: info });
        return;
      }
      // A run shown as going that the service no longer has ended unseen (it restarted, or this panel was disconnected).
      if (isActive(askedAbout) && get().liveRun === askedAbout && !active.some((r) => r.runId === askedAbout!.runId)) {
        set({ liveRun: { ...askedAbout!, state: "finished", reason: "it ended while this panel could not reach DeskPilot (History has what it recorded)" } });
      }
      const current = get().liveRun;
      // The run shown already, if it still goes; else the oldest one going, unless this panel shows an active run.
      const run = active.find((r) => r.runId === current?.runId) ?? (isActive(current) ? undefined : active[0]);
      if (run && current?.runId !== run.runId) {
        set({ liveRun: { runId: run.runId, task: run.task, dryRun: run.dryRun, state: run.state, steps: [], ...watchedFrom(run) }, rawAnswers: {} });
      } else if (run && current && !current.phase && !current.frame) {
        // Taken over as it went: what it does now shows at once, not from its next phase on.
        set({ liveRun: { ...current, ...watchedFrom(run) } });
      }
      // Events that came in while asking are newer than the answer: a confirmation already listed or answered stays as it is.
      set((s) => {
        const known = new Set(s.confirms.map((c) => c.requestId));
        const open = active
          .flatMap((r) => r.confirms.map((c) => ({ runId: r.runId, ...c })))
          .filter((c) => !known.has(c.requestId) && !settled.has(c.requestId));
        return { confirms: [...s.confirms, ...open] };
      });
      if (run) {
        displayAsked = run.runId;
        await fillFromRecord(run.runId).catch((error: unknown) => {
          displayAsked = "";
          set({ runError: ClientError.info(error) });
        });
      }
    },
    async checkModel() {
      try {
        const [list, { settings }] = await Promise.all([client.call("listModels"), client.call("getSettings")]);
        set({ missingModel: missingModel(list, settings) });
      } catch {
        // No models slice (or it failed): the check on Run still says what is missing.
        set({ missingModel: undefined });
      }
    },
    async loadRawAnswers() {
      const run = get().liveRun;
      if (!run) return;
      try {
        const detail = await client.call("getRun", run.runId);
        const raw = Object.fromEntries(detail.steps.map((s) => [s.step, s.raw ?? "(no answer: the model failed or timed out)"]));
        if (get().liveRun?.runId === run.runId) set({ rawAnswers: raw });
      } catch (error) {
        set({ runError: ClientError.info(error) });
      }
    },
    onRunState(event) {
      const current = get().liveRun;
      let run: LiveRun;
      if (current?.runId === event.runId) run = current;
      // A run this panel is starting, or one another client started while nothing ran here.
      else if (!isActive(current) && event.state !== "finished") run = adopt(event.runId);
      else return;
      // A finished run does nothing more: its phase and live screen go (the steps keep their screenshots).
      const { phase: _phase, frame: _frame, ...kept } = run;
      const next: LiveRun = {
        ...(event.state === "finished" ? kept : run),
        state: event.state,
        ...(event.reason !== undefined ? { reason: event.reason } : {}),
        ...(event.status !== undefined ? { status: event.status } : {}),
      };
      set((s) => ({
        liveRun: next,
        // A finished run's open confirmations were refused by the service as it stopped.
        confirms: event.state === "finished" ? s.confirms.filter((c) => c.runId !== event.runId) : s.confirms,
      }));
    },
    onRunStep(event) {
      const run = runFor(event.runId);
      if (!run) return;
      const step: LiveStep = {
        step: event.step,
        ...(event.action ? { action: event.action } : {}),
        ...(event.point ? { point: event.point } : {}),
        ...(event.outcome !== undefined ? { outcome: event.outcome } : {}),
        ...(event.observation !== undefined ? { observation: event.observation } : {}),
        ...(event.ms !== undefined ? { ms: event.ms } : {}),
        ...(event.timings ? { timings: event.timings } : {}),
        hasScreenshot: event.screenshot !== undefined,
      };
      set({ liveRun: { ...run, steps: [...run.steps.filter((s) => s.step !== event.step), step].sort((a, b) => a.step - b.step) } });
      if (step.hasScreenshot) void get().loadStepShot(run.runId, step.step);
      if (!run.display && displayAsked !== run.runId) {
        const { runId } = run;
        displayAsked = runId;
        void client.call("getRun", runId).then(
          (detail) => {
            const live = get().liveRun;
            if (live?.runId !== runId) return;
            set({ liveRun: { ...live, task: live.task || detail.summary.task, ...(detail.display ? { display: detail.display } : {}) } });
          },
          () => (displayAsked = ""), // try again with the next step
        );
      }
    },
    onRunPhase({ runId, phase, step, detail }) {
      const run = runFor(runId);
      if (!run || run.state === "finished") return;
      // The same phase told again (with what loads, say) keeps its start.
      const same = run.phase?.name === phase && run.phase.step === step;
      const since = same ? run.phase.since : Date.now();
      set({ liveRun: { ...run, phase: { name: phase, ...(step !== undefined ? { step } : {}), ...(detail ? { detail } : {}), since } } });
    },
    onRunFrame({ runId, step, image, width, height }) {
      const run = runFor(runId);
      if (!run || run.state === "finished") return;
      set({ liveRun: { ...run, frame: { step, image, width, height } } });
    },
    onConfirmRequest(event) {
      const { runId, requestId, action, reason } = event;
      set((s) => (s.confirms.some((c) => c.requestId === requestId) ? s : { confirms: [...s.confirms, { runId, requestId, action, reason }] }));
    },
    onConfirmAnswered({ requestId }) {
      settled.add(requestId);
      set((s) => (s.confirms.some((c) => c.requestId === requestId) ? { confirms: s.confirms.filter((c) => c.requestId !== requestId) } : s));
    },
  };
};

/** The phase and live screen of a run taken over, as activeRuns tells them. */
function watchedFrom(run: ActiveRun): Pick<LiveRun, "phase" | "frame"> {
  const p = run.phase;
  return {
    ...(p
      ? {
          phase: {
            name: p.phase,
            ...(p.step !== undefined ? { step: p.step } : {}),
            ...(p.detail ? { detail: p.detail } : {}),
            since: Date.now() - p.elapsedMs,
          },
        }
      : {}),
    ...(run.frame ? { frame: run.frame } : {}),
  };
}

function liveStepOf(s: RunStepView): LiveStep {
  return {
    step: s.step,
    ...(s.action ? { action: s.action } : {}),
    ...(s.point ? { point: s.point } : {}),
    outcome: s.outcome,
    observation: s.observation,
    ms: s.timings.totalMs,
    timings: s.timings,
    hasScreenshot: s.hasScreenshot,
  };
}
