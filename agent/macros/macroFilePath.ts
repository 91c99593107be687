import { existsSync } from "node:fs";
import { join } from "node:path";
import { userDirs } from "../platform/userDirs.js";
import { UsageError } from "../errors/UsageError.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";

/** A macro's name in the library: letters, digits, spaces, "-", "_" and "." (not leading), so it can never leave the folder. */
export const MACRO_NAME = /^[\p{L}\p{N}_-][\p{L}\p{N} _.-]{0,99}$/u;

/** What a macro name may be, in words (for every message that refuses one). */
export const MACRO_NAME_RULE =
  'A macro name is 1 to 100 letters, digits, spaces, "-", "_" and "." (not first, and never ".."), for example "add a contact" or "weekly_report-2".';

/** Whether `name` can name a macro in the library. */
export function isMacroName(name: string): boolean {
  return MACRO_NAME.test(name) && !name.includes("..");
}

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
  if (!isMacroName(name)) throw new UsageError(`"${name}" is not a macro name. ${MACRO_NAME_RULE}`);
  return join(dir, `${name}.json`);
}

/**
 * The file a `deskpilot macro` argument means: a path when it looks like one (a folder separator,
 * a ".json" ending) or names an existing file, else the macro of that name in the library, found
 * exactly as the panel finds it (macroFilePath), so `deskpilot macro play "add a contact"` plays
 * what the Macros screen lists as "add a contact".
 */
export function macroFileArg(arg: string, library: string = macroLibraryDir(), options: { existing?: boolean } = {}): string {
  if (/[/\\]/.test(arg) || arg.toLowerCase().endsWith(".json") || existsSync(arg)) return arg;
  if (!isMacroName(arg))
    throw new UsageError(
      `"${arg}" is neither a macro file nor a macro name. ${MACRO_NAME_RULE} A file path needs a folder or a .json ending, e.g. ./macro.json.`,
    );
  const file = macroFilePath(library, arg);
  if (options.existing && !existsSync(file)) {
    throw new DeskPilotError(
      "UNKNOWN_MACRO",
      `There is no macro "${arg}" in the library (${library}); \`deskpilot macro record "${arg}"\` records one, or give the path of a .json file.`,
    );
  }
  return file;
}
