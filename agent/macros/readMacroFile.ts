import { open } from "node:fs/promises";
import { MACRO_LIMITS, type Macro } from "./MacroSchema.js";
import { MacroFileError } from "./MacroFileError.js";
import { parseMacro } from "./parseMacro.js";

/** Reads and validates a macro file, refusing a huge one before reading it whole. */
export async function readMacroFile(path: string): Promise<Macro> {
  let text: string;
  try {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      if (size > MACRO_LIMITS.fileBytes) throw new MacroFileError(path, `it is larger than ${MACRO_LIMITS.fileBytes / 1024 / 1024} MiB`);
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof MacroFileError) throw error;
    throw new MacroFileError(path, `it cannot be read (${(error as Error).message})`, { cause: error });
  }
  return parseMacro(text, path);
}
