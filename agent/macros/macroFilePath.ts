import { join } from "node:path";
import { userDirs } from "../settings/userDirs.js";
import { UsageError } from "../errors/UsageError.js";

/** A macro's name in the library: letters, digits, spaces, "-", "_" and "." (not leading), so it can never leave the folder. */
export const MACRO_NAME = /^[\p{L}\p{N}_-][\p{L}\p{N} _.-]{0,99}$/u;

/** The folder the Macros screen lists: `<data>/macros`. */
export function macroLibraryDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).data, "macros");
}

/**
 * The file of the macro called `name` in `dir`. Clients of the service name macros; they never
 * hand the service a path, so a web page reaching the control server cannot read or write
 * arbitrary files through it.
 */
export function macroFilePath(dir: string, name: string): string {
  if (!MACRO_NAME.test(name) || name.includes("..")) throw new UsageError(`"${name}" is not a macro name (letters, digits, spaces, - _ . ; up to 100)`);
  return join(dir, `${name}.json`);
}
