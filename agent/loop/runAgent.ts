import type { PreparedFrame } from "../frames/PreparedFrame.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { RunRecord } from "../runs/RunStore.js";
import type { RunStatus } from "../runs/RunLogEntry.js";
import type { AgentOptions, AgentPorts, RunResult } from "./AgentPorts.js";
import { RunStoppedError } from "./errors/RunStoppedError.js";
import { RepeatDetector } from "./RepeatDetector.js";
import { StepHistory } from "./StepHistory.js";
import { takeStep, type LoopState } from "./takeStep.js";

/**
 * The agent loop: steps until the model terminates, the budget is spent, the run makes no
 * progress, fails too often in a row, times out, or is stopped. Every port is injected; the
 * run's log starts with a `run-start` line and ends with a `run-end` line whatever happened.
 */
export async function runAgent(ports: AgentPorts, options: AgentOptions): Promise<RunResult> {
  await writeRunStart(ports.screen, ports.record, options);
  return runSteps(ports, options);
}

/**
 * The run's first log line: its task, settings and display. RunsController writes it before the
 * model loads, so a run that fails while loading still has its task on record.
 */
export async function writeRunStart(screen: ScreenSource, record: RunRecord, options: AgentOptions): Promise<void> {
  const display = (await screen.listDisplays()).find((d) => (options.displayId ? d.id === options.displayId : d.primary));
  await record.append({
    type: "run-start",
    runId: options.runId,
    task: options.task,
    startedAt: new Date().toISOString(),
    settings: settingsOf(options),
    display: display ?? (await screen.capture(options.displayId)).display,
  });
}

/** The loop after the run-start line (runAgent, or RunsController once the model has loaded); ends the log with `run-end`. */
export async function runSteps(ports: AgentPorts, options: AgentOptions): Promise<RunResult> {
  const { control, record, clock } = ports;
  const started = clock.now();
  const history = new StepHistory<PreparedFrame>(options.historyEntries, options.historyScreenshots);
  const repeats = new RepeatDetector(options.maxRepeats, options.maxUnchangedSteps);
  const state: LoopState = {};
  let timedOut = false;
  const runTimer = setTimeout(() => {
    timedOut = true;
    control.stop(`the run took longer than ${Math.round(options.runTimeoutMs / 1000)} s`);
  }, options.runTimeoutMs);
  const unwatch = control.onChange(
    (s) => void record.append({ type: "state", at: new Date().toISOString(), state: s, ...(control.reason ? { reason: control.reason } : {}) }),
  );

  let end: { status: RunStatus; reason: string } | undefined;
  let steps = 0;
  let rereads = 0;
  try {
    while (!end) {
      if (steps >= options.maxSteps) {
        end = { status: "budget", reason: `the step budget of ${options.maxSteps} is spent` };
        break;
      }
      await control.checkpoint();
      steps++;
      const result = await takeStep(ports, options, state, history, repeats, steps);
      await record.append(result.entry);
      if (result.entry.rereadWholePrompt) rereads++;
      ports.onStep?.(result.entry);
      end = result.end;
      if (!end && history.consecutiveFailures >= options.maxConsecutiveFailures) {
        end = { status: "failure", reason: `${history.consecutiveFailures} failed steps in a row; last: ${result.entry.observation}` };
      }
    }
  } catch (error) {
    if (error instanceof RunStoppedError) end = { status: timedOut ? "timeout" : "stopped", reason: error.reason };
    else end = { status: "error", reason: (error as Error).message ?? String(error) };
  } finally {
    clearTimeout(runTimer);
    unwatch();
  }
  await record.append({
    type: "run-end",
    at: new Date().toISOString(),
    ...end,
    steps,
    totalMs: clock.now() - started,
    ...(rereads > 0 ? { rereads: rereadNote(rereads, steps) } : {}),
  });
  await record.close();
  return { runId: options.runId, ...end, steps, ...(record.dir ? { dir: record.dir } : {}) };
}

/** What the run-end line says when steps re-read their prompt: the first step always reads it whole, so the rest counts. */
export function rereadNote(rereads: number, steps: number): { steps: number; note: string } {
  const why = "the model's state cannot be partly erased (recurrent model), so the kept context could not be reused";
  return {
    steps: rereads,
    note: rereads >= steps - 1 ? `every step re-read the whole prompt: ${why}` : `${rereads} of ${steps} steps re-read the whole prompt: ${why}`,
  };
}

function settingsOf(o: AgentOptions): Record<string, unknown> {
  const { task: _task, runId: _runId, ...rest } = o;
  return { ...rest };
}
