import type { ComputerAction } from "../actions/ComputerAction.js";
import { executeAction } from "../actions/executeAction.js";
import type { Capture } from "../ports/Capture.js";
import type { Point } from "../geometry/Display.js";
import type { DeskPilotError } from "../errors/DeskPilotError.js";
import { clampToFrame } from "../geometry/clampToFrame.js";
import { frameToImage } from "../geometry/frameMapping.js";
import { withModelGrid } from "../frames/TokenBounds.js";
import type { PreparedFrame } from "../frames/PreparedFrame.js";
import { deadline } from "../platform/deadline.js";
import { evaluatePolicy } from "../policy/evaluatePolicy.js";
import type { TargetInfo } from "../policy/TargetInfo.js";
import type { RunStatus, StepEntry, StepOutcome } from "../runs/RunLogEntry.js";
import { actionToScreen } from "./actionToScreen.js";
import type { AgentOptions, AgentPorts } from "./AgentPorts.js";
import { parseToolCall } from "../profiles/qwen25vl/parseToolCall.js";
import type { RepeatDetector } from "./RepeatDetector.js";
import { settleScreen } from "./settleScreen.js";
import { FrameAhead } from "./FrameAhead.js";
import { STEP_PHASES } from "./stepPhases.js";
import type { StepHistory } from "./StepHistory.js";

/** What a step carries over to the next: the settled screen and where the agent last pointed. */
export interface LoopState {
  observation?: Capture;
  lastPoint?: Point;
  /** The next observation's frame, prepared during the settle wait (made by the first step). */
  frameAhead?: FrameAhead;
}

export interface StepResult {
  readonly entry: StepEntry;
  readonly end?: { status: RunStatus; reason: string };
}

/**
 * One step (docs/design.md §2): observe → decide → parse → map → validate → policy → act → settle →
 * record. Expected failures come back as a "failed" entry whose observation the model reads
 * next step; a stop throws RunStoppedError; infrastructure failures throw.
 */
export async function takeStep(
  ports: AgentPorts,
  options: AgentOptions,
  state: LoopState,
  history: StepHistory<PreparedFrame>,
  repeats: RepeatDetector,
  step: number,
): Promise<StepResult> {
  const { clock, control, screen, input } = ports;
  const t: Record<string, number> = { captureMs: 0, prepareMs: 0, modelMs: 0, policyMs: 0, confirmMs: 0, actMs: 0, settleMs: 0 };
  const started = clock.now();
  const timed = async <T>(key: keyof typeof STEP_PHASES, work: () => Promise<T>): Promise<T> => {
    ports.onPhase?.(STEP_PHASES[key], step);
    const t0 = clock.now();
    try {
      return await work();
    } finally {
      t[key] = (t[key] ?? 0) + clock.now() - t0;
    }
  };

  const observed = state.observation;
  const capture = observed ?? (await timed("captureMs", () => screen.capture(options.displayId)));
  state.observation = undefined;
  if (!observed) ports.onFrame?.(capture, step); // a settled screen went out as the last step settled
  const ahead = (state.frameAhead ??= new FrameAhead(() => withModelGrid(options.bounds, ports.decider.frameFactor)));
  const prepared = await timed("prepareMs", () => ahead.prepare(capture));
  // The step's own deadline covers the model's answer and the target check; cleared however the step ends.
  const limit = deadline(options.stepTimeoutMs, control.signal);
  const stepSignal = limit.signal;
  try {
    let raw: string | undefined;
    let reread = false;
    let action: ComputerAction | undefined;
    let screenAction: ComputerAction | undefined;
    let point: Point | undefined;
    let policy: StepEntry["policy"];
    const pending: { shot?: Promise<string | undefined>; target?: Promise<StepEntry["targetImage"] | undefined> } = {};

    const finish = async (outcome: StepOutcome, observation: string, extra: Partial<StepEntry> = {}): Promise<StepEntry> => {
      // An acted step keeps the clean screen around its point (started as it acted), so the run can be saved as a macro.
      const target = outcome === "done" ? pending.target : undefined;
      const screenshot = await (pending.shot ?? ports.record.screenshot(step, capture));
      const targetImage = await target;
      const entry: StepEntry = {
        type: "step",
        step,
        at: new Date().toISOString(),
        ...(screenshot ? { screenshot } : {}),
        capture: { width: capture.width, height: capture.height },
        frame: { width: prepared.frame.width, height: prepared.frame.height },
        ...(raw !== undefined ? { raw } : {}),
        ...(action ? { action } : {}),
        ...(screenAction ? { screenAction } : {}),
        ...(point ? { point } : {}),
        ...(policy ? { policy } : {}),
        outcome,
        observation,
        ...extra,
        ...(targetImage ? { targetImage } : {}),
        ...(reread ? { rereadWholePrompt: true } : {}),
        timings: { ...(t as unknown as StepEntry["timings"]), totalMs: clock.now() - started },
      };
      const failed = outcome === "failed" || outcome === "refused";
      history.add({ step, action: action ? JSON.stringify(action) : `unusable answer ${JSON.stringify(raw ?? "")}`, observation, failed });
      history.addScreenshot(prepared);
      return entry;
    };
    const failure = (error: unknown, prefix: string) =>
      finish("failed", `${prefix}: ${(error as Error).message}`, {
        error: { code: (error as DeskPilotError).code ?? "ERROR", message: (error as Error).message },
      });

    // decide
    try {
      const decision = await timed("modelMs", () =>
        ports.decider.decide({
          task: options.task,
          screenshot: prepared,
          pastScreenshots: [...history.screenshots],
          history: [...history.actions],
          omitted: history.omitted,
          signal: stepSignal,
        }),
      );
      raw = decision.text;
      reread = decision.eraseRefused === true;
    } catch (error) {
      if (control.signal.aborted) throw control.signal.reason;
      if (!stepSignal.aborted) throw error;
      return { entry: await failure(new Error(`no answer within ${options.stepTimeoutMs / 1000} s`), "the model timed out") };
    }
    // parse, map, validate: nothing has touched input yet
    let displays;
    try {
      action = ports.decider.parse ? ports.decider.parse(raw, prepared.frame) : parseToolCall(raw);
      screenAction = actionToScreen(action, prepared.frame, prepared.region, capture.display);
      displays = await screen.listDisplays();
      point = (await executeAction(screenAction, input, displays, { dryRun: true })).point;
    } catch (error) {
      return { entry: await failure(error, "invalid action, nothing was done") };
    }
    const at = "coordinate" in action && action.coordinate ? clampToFrame({ x: action.coordinate[0], y: action.coordinate[1] }, prepared.frame) : undefined;
    const mark = at
      ? frameToImage({ x: Math.min(at.x, prepared.frame.width - 1) + 0.5, y: Math.min(at.y, prepared.frame.height - 1) + 0.5 }, prepared.frame, prepared.region)
      : undefined;
    const shot = (pending.shot = ports.record.screenshot(step, capture, { label: `${step}: ${action.action}`, ...(mark ? { point: mark } : {}) }));
    shot.catch(() => undefined); // awaited in finish(); a stop before then must not leave it unhandled
    if (screenAction.action === "terminate") {
      const { status, message } = screenAction;
      const said = message ? `: ${message}` : "";
      return { entry: await finish("terminate", `terminated with ${status}${said}`), end: { status, reason: `the model reported ${status}${said}` } };
    }

    // policy
    const focus = point ?? state.lastPoint;
    const target: TargetInfo =
      ports.inspector && screenAction.action !== "wait"
        ? await timed("policyMs", () =>
            ports.inspector!.inspect({ action: screenAction, capture, signal: stepSignal, task: options.task, ...(focus ? { point: focus } : {}) }),
          )
        : {};
    const verdict = evaluatePolicy(screenAction, target, options.policy, options.task);
    policy = { verdict: verdict.verdict, reasons: verdict.reasons, ...(Object.keys(target).length ? { target: { ...target } } : {}) };
    if (options.dryRun) {
      repeats.record(action, false);
      return {
        entry: await finish(
          "dry-run",
          `dry run: not performed${verdict.verdict === "confirm" ? ` (would ask: ${verdict.reasons.join("; ")})` : ""}; the screen is unchanged`,
        ),
      };
    }
    if (verdict.verdict === "confirm") {
      const allowed = await timed("confirmMs", () => ports.confirm({ step, action: screenAction, reasons: verdict.reasons, signal: control.signal }));
      policy = { ...policy, confirmed: allowed };
      if (!allowed) return { entry: await finish("refused", `the user refused this action (${verdict.reasons.join("; ")}); do something else or terminate`) };
    }

    // act: the last checks before any input event
    await control.checkpoint();
    const failSafe = await ports.failSafe?.();
    if (failSafe) control.stop(failSafe);
    await control.checkpoint();
    // Encoded while the action and the settle wait run, not after them; never worth failing the step over.
    if (point && ports.record.targetImage) pending.target = ports.record.targetImage(step, capture, point).catch(() => undefined);
    try {
      await timed("actMs", () => executeAction(screenAction, input, displays, { signal: control.signal, sleep: (ms, s) => clock.sleep(ms, s) }));
    } catch (error) {
      if (control.signal.aborted) throw control.signal.reason;
      return { entry: await failure(error, "the action failed") };
    }
    if (point) state.lastPoint = point;

    // settle
    const settled = await timed("settleMs", () => settleScreen(screen, capture, clock, options.settle, control.signal, (c) => ahead.start(c)));
    state.observation = settled.capture;
    ports.onFrame?.(settled.capture, step);
    const noProgress = repeats.record(action, settled.changed);
    const observation = settled.changed
      ? "done; the screen changed"
      : `done, but the screen did not change${repeats.repeating ? "; repeating the same action will not help" : ""}`;
    const entry = await finish("done", observation, { screenChanged: settled.changed });
    return noProgress ? { entry, end: { status: "no-progress", reason: `no progress: ${noProgress}` } } : { entry };
  } finally {
    limit.clear();
  }
}
