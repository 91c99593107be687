import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/**
 * A file path as the person who typed it means it: `~` and `~/…` are their home folder, and a
 * relative path starts at `base`. For the panel that is the home folder too (the server's
 * working folder is nothing its user ever sees); the CLI passes its working folder, as a shell
 * user expects. `~name/…` (another user's home) is not expanded: it stays a relative path.
 */
export function resolveUserPath(path: string, base: string = homedir(), home: string = homedir()): string {
  const p = path.trim();
  if (p === "~") return home;
  if (p.startsWith("~/") || p.startsWith("~\\")) return join(home, p.slice(2));
  return isAbsolute(p) ? resolve(p) : resolve(base, p);
}
