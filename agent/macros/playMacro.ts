import type { Display } from "../geometry/Display.js";
import type { RunLogEntry } from "../runs/RunLogEntry.js";
import type { Macro } from "./MacroSchema.js";
import type { MacroPlayOptions, MacroPlayPorts } from "./MacroPlayer.js";
import { medianMs, type MacroPlayReport, type MacroStepReport } from "./MacroPlayReport.js";
import { playStep, type PlayContext } from "./playStep.js";
import { resolveVariables } from "./substituteVariables.js";
import { describeStep } from "./describeMacro.js";
import { RunStoppedError } from "../loop/errors/RunStoppedError.js";

/**
 * Replays a macro step by step and stops at the first step that fails, is refused or is
 * stopped: nothing is sent after it. Variables are resolved before the first input, so a
 * missing value fails the whole replay up front.
 */
export async function playMacro(macro: Macro, ports: MacroPlayPorts, options: MacroPlayOptions): Promise<MacroPlayReport> {
  const values = resolveVariables(macro, options.variables ?? {});
  const { clock, record } = ports;
  const started = clock.now();
  const displays = await ports.screen.listDisplays();
  await record?.append({
    type: "run-start",
    runId: options.runId ?? "macro",
    task: `macro: ${macro.name}`,
    startedAt: new Date().toISOString(),
    settings: { macro: macro.name, steps: macro.steps.length, fast: options.fast ?? false, variables: Object.keys(values) },
    display: displays.find((d) => d.primary) ?? (displays[0] as Display),
  });
  const reports: MacroStepReport[] = [];
  const context: PlayContext = {};
  let failure: { step: number; reason: string } | undefined;
  for (const [index, step] of macro.steps.entries()) {
    let report: MacroStepReport;
    const stepStarted = clock.now();
    ports.onStepStart?.(index + 1, step);
    try {
      report = await playStep(step, index, values, ports, options, context);
    } catch (error) {
      const reason = options.signal?.aborted
        ? `stopped: ${String((options.signal.reason as Error | undefined)?.message ?? options.signal.reason)}`
        : error instanceof RunStoppedError
          ? `stopped: ${error.reason}`
          : `error: ${(error as Error).message}`;
      report = { step: index + 1, kind: step.kind, summary: describeStep(step), outcome: "failed", reason, ms: clock.now() - stepStarted };
    }
    reports.push(report);
    await record?.append(logEntry(report));
    ports.onStep?.(report);
    if (report.outcome !== "done") {
      failure = { step: report.step, reason: report.reason ?? report.outcome };
      break;
    }
  }
  const totalMs = clock.now() - started;
  const ok = failure === undefined;
  await record?.append({
    type: "run-end",
    at: new Date().toISOString(),
    status: ok ? "success" : "failure",
    reason: failure ? `step ${failure.step}: ${failure.reason}` : "every step done",
    steps: reports.length,
    totalMs,
  });
  await record?.close();
  return {
    ok,
    name: macro.name,
    fast: options.fast ?? false,
    steps: reports,
    ...(failure ? { failedStep: failure.step, reason: failure.reason } : {}),
    totalMs,
    medianStepMs: medianMs(reports),
    ...(record?.dir ? { dir: record.dir } : {}),
  };
}

/** A step report as a line of the agent loop's run log, so one report viewer reads both. */
function logEntry(r: MacroStepReport): RunLogEntry {
  const locateMs = (r.located ?? []).reduce((s, l) => s + l.ms, 0);
  return {
    type: "step",
    step: r.step,
    at: new Date().toISOString(),
    ...(r.screenshots?.[0] ? { screenshot: r.screenshots[0] } : {}),
    // A replay has no model frame: both are the screen the step looked at.
    capture: r.screen ?? { width: 0, height: 0 },
    frame: r.screen ?? { width: 0, height: 0 },
    ...(r.located?.[0] ? { point: r.located[0].point } : {}),
    outcome: r.outcome === "done" ? "done" : r.outcome === "refused" ? "refused" : "failed",
    observation: r.reason ?? r.summary,
    ...(r.changed !== undefined ? { screenChanged: r.changed } : {}),
    timings: { captureMs: 0, prepareMs: 0, modelMs: locateMs, policyMs: 0, confirmMs: 0, actMs: 0, settleMs: 0, totalMs: r.ms },
  };
}
