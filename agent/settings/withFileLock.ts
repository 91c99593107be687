import { mkdir, open, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DeskPilotError } from "../errors/DeskPilotError.js";

const STALE_MS = 10_000;

/**
 * Runs `work` holding `<path>.lock`, a lock file created exclusively, so that two processes (the
 * app and the CLI) never interleave a read-modify-write. A lock older than 10 s is taken as left
 * behind by a crashed process and removed.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + timeoutMs;
  await mkdir(dirname(lock), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new DeskPilotError("SETTINGS_LOCKED", `${lock} has been held for over ${timeoutMs / 1000} s; if no DeskPilot is running, delete it`);
      }
      await sleep(Math.min(5 + attempt * 5, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
