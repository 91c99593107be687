import { lstatSync } from "node:fs";
import { join } from "node:path";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import { RUN_LOG } from "./FileRunStore.js";
import { RunNotFoundError } from "./RunNotFoundError.js";

// What RunsController and `deskpilot run` name runs (an ISO time and a short id); a leading
// letter or digit rules out "." and "..", and no separator can reach outside the root.
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** True when `runId` has the shape of a run folder's name. */
export function isRunId(runId: string): boolean {
  return RUN_ID.test(runId) && !runId.includes("..");
}

/**
 * The folder of the run a client names: only a plain name, only an existing folder (not a
 * link) directly under `root` that holds a run log. Anything else is BAD_RUN_ID or RUN_NOT_FOUND.
 */
export function runDirOf(root: string, runId: string): string {
  if (!isRunId(runId)) {
    throw new DeskPilotError(
      "BAD_RUN_ID",
      `"${runId.slice(0, 80)}" is not a run id; run ids are folder names such as 2026-11-26T13-02-31-123Z-1a2b3c4d, as listRuns gives them.`,
    );
  }
  const dir = join(root, runId);
  const folder = lstatSync(dir, { throwIfNoEntry: false });
  const log = folder?.isDirectory() ? lstatSync(join(dir, RUN_LOG), { throwIfNoEntry: false }) : undefined;
  if (!log?.isFile()) throw new RunNotFoundError(runId, root);
  return dir;
}
