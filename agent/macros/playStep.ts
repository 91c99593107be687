import type { Capture } from "../ports/Capture.js";
import type { Display, Point } from "../geometry/Display.js";
import { executeAction } from "../actions/executeAction.js";
import { defaultSettle, settleScreen } from "../loop/settleScreen.js";
import { evaluatePolicy } from "../policy/evaluatePolicy.js";
import { RunStoppedError } from "../loop/errors/RunStoppedError.js";
import { toGray } from "./GrayImage.js";
import { isLocated, locateTarget, type Located } from "./locateTarget.js";
import type { MacroStep, MacroTarget } from "./MacroSchema.js";
import type { MacroPlayOptions, MacroPlayPorts } from "./MacroPlayer.js";
import type { MacroStepReport } from "./MacroPlayReport.js";
import { describeStep } from "./describeMacro.js";
import { stepActions } from "./stepActions.js";
import { substitute } from "./substituteVariables.js";
import { failureScreenshots } from "./failureScreenshots.js";
import { changedRegion } from "./changedRegion.js";

/** What a step leaves for the next: the display it acted on (typing goes where the last click was), and its target. */
export interface PlayContext {
  displayId?: string;
  /** The last pointer target as recorded and where its crop was found (absent when it was not template-matched). */
  previous?: { readonly recorded: Point; readonly found: Point } | undefined;
}

/**
 * Plays one step: find its targets, check the policy, send its input (each event behind the
 * stop signal and fail-safe), verify the screen changed. Expected failures become a report;
 * a stop throws.
 */
export async function playStep(
  raw: MacroStep,
  index: number,
  values: Readonly<Record<string, string>>,
  ports: MacroPlayPorts,
  options: MacroPlayOptions,
  context: PlayContext,
): Promise<MacroStepReport> {
  const { clock } = ports;
  const started = clock.now();
  const step = withValues(raw, values);
  const number = index + 1;
  let base: Pick<MacroStepReport, "step" | "kind" | "summary" | "screen"> = { step: number, kind: step.kind, summary: describeStep(step) };
  if (step.waitBeforeMs > 0) await clock.sleep(step.waitBeforeMs, options.signal);

  const displays = await ports.screen.listDisplays();
  const targets: MacroTarget[] = "target" in step ? [step.target, ...(step.kind === "drag" ? [step.to] : [])] : [];
  if (targets[0]) context.displayId = pickDisplay(displays, targets[0]).id;
  const verify = !options.fast && (step.verify ?? (step.kind === "wait" ? "none" : "changed")) === "changed";
  const before: Capture | undefined = verify || (targets.length > 0 && !options.fast) ? await ports.screen.capture(context.displayId) : undefined;
  if (before) base = { ...base, screen: { width: before.width, height: before.height } };

  const located: Located[] = [];
  if (options.fast) located.push(...targets.map((t): Located => ({ point: t.point, method: "recorded", ms: 0 })));
  else if (before && targets.length > 0) {
    const gray = toGray(before.data, before.width, before.height, 4);
    for (const target of targets) {
      const found = await locateTarget(target, target.description, before, gray, {
        ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
        ...(ports.grounder ? { grounder: ports.grounder } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(context.previous ? { previous: context.previous } : {}),
        ...(ports.windowAt ? { windowAt: ports.windowAt } : {}),
      });
      if (!isLocated(found)) {
        const reason = found.ambiguous
          ? `stopped: step ${number} is ambiguous: ${found.reason}. Nothing was sent. ${ambiguityAdvice(target, Boolean(ports.grounder))}`
          : `could not find ${target.description ? `"${target.description}"` : "the target"}: ${found.reason}`;
        const screenshots = await failureScreenshots(ports.record, number, before, target, found.best?.point);
        return { ...base, outcome: "failed", located, reason, screenshots, ms: clock.now() - started };
      }
      located.push(found);
    }
  }

  // The offset from this step's target to the next one's settles ties there; only a template match is exact enough.
  const last = located.at(-1);
  const lastTarget = targets.at(-1);
  if (lastTarget && last) context.previous = last.method === "template" ? { recorded: lastTarget.point, found: last.point } : undefined;

  const actions = stepActions(step, located[0]?.point, located[1]?.point);
  for (const action of actions) {
    const refused = await checkPolicy(action, targets[0]?.description ?? "", number, before, ports, options);
    if (refused) return { ...base, outcome: "refused", located, reason: refused, ms: clock.now() - started };
    // Every input event waits behind pause, stop and the fail-safe.
    await ports.checkpoint?.();
    options.signal?.throwIfAborted();
    const failSafe = await ports.failSafe?.();
    if (failSafe) throw new RunStoppedError(failSafe);
    try {
      await executeAction(action, ports.input, displays, { ...(options.signal ? { signal: options.signal } : {}), sleep: (ms, s) => clock.sleep(ms, s) });
    } catch (error) {
      options.signal?.throwIfAborted();
      const screenshots = before ? await failureScreenshots(ports.record, number, before, targets[0], located[0]?.point) : [];
      return { ...base, outcome: "failed", located, reason: (error as Error).message, screenshots, ms: clock.now() - started };
    }
  }

  if (verify && before) {
    const settled = await settleScreen(ports.screen, before, clock, options.settle ?? defaultSettle, options.signal);
    if (!settled.changed) {
      const screenshots = await failureScreenshots(ports.record, number, settled.capture, targets[0], located[0]?.point);
      const reason = `the screen did not change within ${(options.settle ?? defaultSettle).timeoutMs} ms after the step, so it probably did not take effect (set "verify": "none" on steps that change nothing visible)`;
      return { ...base, outcome: "failed", located, changed: false, reason, screenshots, ms: clock.now() - started };
    }
    const region = changedRegion(before, settled.capture);
    return { ...base, outcome: "done", located, changed: true, ...(region ? { changedRegion: region } : {}), ms: clock.now() - started };
  }
  return { ...base, outcome: "done", located, ms: clock.now() - started };
}

async function checkPolicy(
  action: Parameters<typeof evaluatePolicy>[0],
  label: string,
  step: number,
  capture: Capture | undefined,
  ports: MacroPlayPorts,
  options: MacroPlayOptions,
): Promise<string | undefined> {
  if (!options.policy.enabled || action.action === "wait") return undefined;
  const point = "coordinate" in action && action.coordinate ? { x: action.coordinate[0], y: action.coordinate[1] } : undefined;
  const inspected =
    ports.inspector && capture
      ? await ports.inspector.inspect({ action, capture, ...(point ? { point } : {}), ...(options.signal ? { signal: options.signal } : {}) })
      : {};
  const decision = evaluatePolicy(action, { ...(label ? { label } : {}), ...inspected }, options.policy, "replay a recorded macro");
  if (decision.verdict === "allow") return undefined;
  const allowed = ports.confirm
    ? await ports.confirm({ step, action, reasons: decision.reasons, ...(options.signal ? { signal: options.signal } : {}) })
    : false;
  return allowed
    ? undefined
    : `the safety policy asks for confirmation (${decision.reasons.join("; ")}) and it was ${ports.confirm ? "refused" : "not given (pass --yes to allow)"}`;
}

function withValues(step: MacroStep, values: Readonly<Record<string, string>>): MacroStep {
  const t = (target: MacroTarget): MacroTarget => ({ ...target, description: substitute(target.description, values) });
  switch (step.kind) {
    case "type":
      return { ...step, text: substitute(step.text, values) };
    case "drag":
      return { ...step, target: t(step.target), to: t(step.to) };
    case "click":
    case "scroll":
      return { ...step, target: t(step.target) };
    default:
      return step;
  }
}

/** What the user can do about a step whose crop matches several places equally. */
function ambiguityAdvice(target: MacroTarget, hasModel: boolean): string {
  if (!target.description.trim())
    return 'Give this step\'s target a description (what it is, e.g. "the Full name field") and replay with a model, which then chooses; or re-record the step.';
  if (!hasModel) return `Replay with a model (--model, or a model selected in the panel) to choose "${target.description}" among them; or re-record the step.`;
  return "Make the description name the target uniquely, or re-record the step.";
}

/** The display a target was recorded on, if it is still there, else the primary. */
function pickDisplay(displays: readonly Display[], target: MacroTarget): Display {
  return displays.find((d) => d.id === target.display.id) ?? displays.find((d) => d.primary) ?? displays[0]!;
}
