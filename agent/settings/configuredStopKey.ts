import { readFileSync } from "node:fs";
import { DEFAULT_STOP_KEY } from "../inputHook/defaultStopKey.js";
import { settingsPath } from "../platform/userDirs.js";

/**
 * The settings' `hotkeys.stop` (the one stop key, see defaultStopKey), read synchronously for the
 * CLI's `--stop-key` default: a missing or unreadable file, or a file without one, gives the
 * default; a bad key in the file is left for the hook to refuse with its message.
 */
export function configuredStopKey(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const doc = JSON.parse(readFileSync(settingsPath(env), "utf8")) as { hotkeys?: { stop?: unknown } };
    const stop = doc.hotkeys?.stop;
    return typeof stop === "string" && stop.trim() !== "" ? stop.trim() : DEFAULT_STOP_KEY;
  } catch {
    return DEFAULT_STOP_KEY;
  }
}
