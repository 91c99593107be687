import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import { RUN_LOG } from "./FileRunStore.js";
import type { RunLogEntry, StepEntry } from "./RunLogEntry.js";

export interface RunLog {
  readonly dir: string;
  readonly start?: Extract<RunLogEntry, { type: "run-start" }>;
  readonly steps: readonly StepEntry[];
  readonly end?: Extract<RunLogEntry, { type: "run-end" }>;
  readonly states: readonly Extract<RunLogEntry, { type: "state" }>[];
  /** Lines that did not parse (a crash mid-write leaves at most the last one). */
  readonly badLines: number;
}

/** Reads a run folder's log; a crashed run (no `run-end`, a torn last line) still reads. */
export function readRunLog(dir: string): RunLog {
  let text: string;
  try {
    text = readFileSync(join(dir, RUN_LOG), "utf8");
  } catch (error) {
    throw new DeskPilotError("NOT_A_RUN", `${dir} has no readable ${RUN_LOG}; pass the folder \`deskpilot run\` printed at its end.`, { cause: error });
  }
  const entries: RunLogEntry[] = [];
  let badLines = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as RunLogEntry);
    } catch {
      badLines++;
    }
  }
  const start = entries.find((e) => e.type === "run-start");
  const end = entries.find((e) => e.type === "run-end");
  return {
    dir,
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    steps: entries.filter((e): e is StepEntry => e.type === "step"),
    states: entries.filter((e): e is Extract<RunLogEntry, { type: "state" }> => e.type === "state"),
    badLines,
  };
}
