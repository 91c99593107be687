import { join } from "node:path";
import { userDirs } from "../platform/userDirs.js";

/** Where run folders go: DeskPilot's data folder/runs, for the app, `deskpilot run` and `macro play` alike (their --runs-dir overrides). */
export function runsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).data, "runs");
}
