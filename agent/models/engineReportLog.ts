import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { EngineReport } from "../vision/EngineReport.js";
import { userDirs } from "../platform/userDirs.js";

/** What the engine reported the last time a model pair was loaded on this machine. */
export interface RecordedEngineReport {
  readonly modelPath: string;
  readonly mmprojPath: string;
  /** ISO time of the load. */
  readonly at: string;
  readonly report: EngineReport;
}

/** The most loads kept: one per model file, the newest. */
const KEPT = 20;

/** `<user data>/engine-reports.json`. */
export function engineReportsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).data, "engine-reports.json");
}

function readAll(path: string): RecordedEngineReport[] {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
    return Array.isArray(parsed) ? (parsed as RecordedEngineReport[]).filter((r) => typeof r?.modelPath === "string" && typeof r.report === "object") : [];
  } catch {
    return [];
  }
}

/**
 * Keeps a load's report so `models list` and the Models screen can say where the selected model
 * last ran (layers offloaded, the vision encoder's backend) without loading it. Best effort: a
 * folder that cannot be written never fails the load, so this returns whether it was kept.
 */
export function recordEngineReport(entry: RecordedEngineReport, path = engineReportsPath()): boolean {
  try {
    const rest = readAll(path).filter((r) => r.modelPath !== entry.modelPath);
    const all = [entry, ...rest].slice(0, KEPT);
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(all, null, 1)}\n`);
    renameSync(tmp, path);
    return true;
  } catch {
    return false;
  }
}

/** The last load of `modelPath` on this machine, if any was recorded. */
export function lastEngineReport(modelPath: string, path = engineReportsPath()): RecordedEngineReport | undefined {
  return readAll(path).find((r) => r.modelPath === modelPath);
}
