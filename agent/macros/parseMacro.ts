import { MACRO_FORMAT, MACRO_LIMITS, MACRO_VERSION, MacroSchema, type Macro } from "./MacroSchema.js";
import { MacroFileError } from "./MacroFileError.js";
import { jsonDepth } from "./jsonDepth.js";

/** Parses and validates macro file text; `where` names the file in errors. */
export function parseMacro(text: string, where = "file"): Macro {
  if (Buffer.byteLength(text) > MACRO_LIMITS.fileBytes) {
    throw new MacroFileError(where, `it is larger than ${MACRO_LIMITS.fileBytes / 1024 / 1024} MiB`);
  }
  if (jsonDepth(text, MACRO_LIMITS.depth) > MACRO_LIMITS.depth) {
    throw new MacroFileError(where, `it nests deeper than ${MACRO_LIMITS.depth} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MacroFileError(where, `it is not JSON (${(error as Error).message})`, { cause: error });
  }
  return validateMacro(value, where);
}

/** Validates an already-parsed value as a macro, with a version check that says which way to go. */
export function validateMacro(value: unknown, where = "file"): Macro {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new MacroFileError(where, "it is not a JSON object");
  const head = value as { format?: unknown; version?: unknown };
  if (head.format !== MACRO_FORMAT) throw new MacroFileError(where, `"format" must be "${MACRO_FORMAT}"`);
  if (typeof head.version !== "number") throw new MacroFileError(where, `"version" is missing (this DeskPilot reads version ${MACRO_VERSION})`);
  if (head.version > MACRO_VERSION) {
    throw new MacroFileError(where, `it is version ${head.version}, newer than this DeskPilot reads (${MACRO_VERSION}); update DeskPilot`);
  }
  if (head.version < MACRO_VERSION) {
    throw new MacroFileError(
      where,
      `it is version ${head.version}, an old draft format no longer read (this DeskPilot reads version ${MACRO_VERSION}); re-record it`,
    );
  }
  // JSON.parse keeps a "__proto__" key as an own property, which the schema would drop without a word.
  const variables = (value as { variables?: unknown }).variables;
  if (variables && typeof variables === "object" && Object.hasOwn(variables, "__proto__")) {
    throw new MacroFileError(where, 'variables: "__proto__" cannot be a variable name; rename it');
  }
  const result = MacroSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "macro"}: ${i.message}`);
    const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : "";
    throw new MacroFileError(where, issues.join("; ") + more);
  }
  return result.data;
}
