import { readdirSync, statSync, type Stats } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import { RUN_LOG } from "./FileRunStore.js";
import type { RunDetail, RunHistoryApi, RunStepView, RunSummary } from "./RunHistoryApi.js";
import type { StepEntry } from "./RunLogEntry.js";
import { readRunLog, type RunLog } from "./readRunLog.js";
import { renderReport } from "./renderReport.js";
import { isRunId, runDirOf } from "./runDirOf.js";

// The names FileRunStore gives screenshots; a log line naming anything else is not followed.
const SCREENSHOT = /^[A-Za-z0-9_-]+\.png$/;

/**
 * The history slice over the runs folder FileRunStore writes (one folder per run). Clients
 * name runs by id only; ids are checked against the folders that exist (runDirOf), so no
 * client string becomes a path outside `root`. Runs still going read like finished ones,
 * without their end.
 */
export class FileRunHistory implements RunHistoryApi {
  // Summaries by folder, kept while the log's size and mtime stay the same: listing a long
  // history should not re-read every finished run's log.
  private readonly summaries = new Map<string, { key: string; summary: RunSummary }>();

  constructor(readonly root: string) {}

  async listRuns(): Promise<RunSummary[]> {
    let names: string[];
    try {
      names = readdirSync(this.root, { withFileTypes: true })
        .filter((e) => e.isDirectory() && isRunId(e.name))
        .map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return []; // no run yet
      throw error;
    }
    const runs = names.flatMap((name) => {
      const summary = this.summaryOf(name);
      return summary ? [summary] : [];
    });
    return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.runId.localeCompare(a.runId));
  }

  async getRun(runId: string): Promise<RunDetail> {
    const log = readRunLog(runDirOf(this.root, runId));
    return {
      summary: summarize(runId, log, this.startedFallback(runId)),
      ...(log.start ? { display: log.start.display } : {}),
      steps: log.steps.map(stepView),
    };
  }

  async runScreenshot(runId: string, step: number): Promise<{ png: Uint8Array }> {
    const dir = runDirOf(this.root, runId);
    const entry = readRunLog(dir).steps.find((s) => s.step === step);
    if (!entry) throw new DeskPilotError("STEP_NOT_FOUND", `Run ${runId} has no step ${step}; getRun lists its steps.`);
    if (!entry.screenshot || !SCREENSHOT.test(entry.screenshot))
      throw new DeskPilotError("NO_SCREENSHOT", `Step ${step} of run ${runId} has no screenshot (it failed before the screen was recorded).`);
    try {
      return { png: await readFile(join(dir, entry.screenshot)) };
    } catch (error) {
      throw new DeskPilotError("NO_SCREENSHOT", `The screenshot of step ${step} of run ${runId} is missing from its folder (${entry.screenshot}).`, {
        cause: error,
      });
    }
  }

  async runReport(runId: string): Promise<{ html: string }> {
    return { html: await renderReport(readRunLog(runDirOf(this.root, runId))) };
  }

  private summaryOf(name: string): RunSummary | undefined {
    const stat = statSync(join(this.root, name, RUN_LOG), { throwIfNoEntry: false });
    if (!stat?.isFile()) return undefined;
    const key = `${stat.size}:${stat.mtimeMs}`;
    const cached = this.summaries.get(name);
    if (cached?.key === key) return cached.summary;
    const summary = summarize(name, readRunLog(join(this.root, name)), createdAt(stat));
    this.summaries.set(name, { key, summary });
    return summary;
  }

  private startedFallback(runId: string): string {
    return createdAt(statSync(join(this.root, runId, RUN_LOG)));
  }
}

/** When the log was created; filesystems without birth times give its last change. */
function createdAt(stat: Stats): string {
  return (stat.birthtimeMs > 0 ? stat.birthtime : stat.mtime).toISOString();
}

/** The History screen's line for a run; a run that failed before its start line (model loading) has no task. */
function summarize(runId: string, log: RunLog, fallbackStart: string): RunSummary {
  const { start, end } = log;
  return {
    runId,
    task: start?.task ?? "",
    startedAt: start?.startedAt ?? end?.at ?? fallbackStart,
    ...(end ? { status: end.status, reason: end.reason, totalMs: end.totalMs } : {}),
    steps: log.steps.length,
    dryRun: start?.settings["dryRun"] === true,
  };
}

function stepView(s: StepEntry): RunStepView {
  return {
    step: s.step,
    at: s.at,
    ...(s.screenAction ? { action: s.screenAction } : {}),
    ...(s.point ? { point: s.point } : {}),
    outcome: s.outcome,
    observation: s.observation,
    ...(s.raw !== undefined ? { raw: s.raw } : {}),
    ...(s.policy
      ? { policy: { verdict: s.policy.verdict, reasons: s.policy.reasons, ...(s.policy.confirmed !== undefined ? { confirmed: s.policy.confirmed } : {}) } }
      : {}),
    timings: s.timings,
    capture: s.capture,
    hasScreenshot: s.screenshot !== undefined && SCREENSHOT.test(s.screenshot),
  };
}
