import { MacroVariableError } from "./MacroVariableError.js";
import { UsageError } from "../errors/UsageError.js";
import type { Macro } from "./MacroSchema.js";

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;

/** The variable names `text` refers to, in order of first use. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Replaces `{{name}}` with its value exactly: the value is inserted as is (no Unicode
 * normalisation, no trimming) and never itself scanned for placeholders.
 */
export function substitute(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    // Own values only: "{{constructor}}" must not type Object's constructor.
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new MacroVariableError(`the variable "${name}" has no value`);
    return value;
  });
}

/** Resolves every variable the macro uses (given values over defaults) and fails on a missing or unknown one. */
export function resolveVariables(macro: Macro, given: Readonly<Record<string, string>>): Record<string, string> {
  const unknown = Object.keys(given).filter((k) => !Object.hasOwn(macro.variables, k) && !usedNames(macro).has(k));
  if (unknown.length > 0)
    throw new MacroVariableError(`the macro has no variable ${unknown.map((u) => `"${u}"`).join(", ")}`, "give values only for the variables it lists");
  // No prototype: a name like "constructor" or "toString" is a value only when one was given.
  const values = Object.create(null) as Record<string, string>;
  for (const [name, v] of Object.entries(macro.variables)) if (v.default !== undefined) values[name] = v.default;
  for (const [name, v] of Object.entries(given)) values[name] = v;
  const missing = [...usedNames(macro)].filter((n) => !Object.hasOwn(values, n));
  if (missing.length > 0)
    throw new MacroVariableError(
      `the variable${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} ha${missing.length > 1 ? "ve" : "s"} no value`,
    );
  // Spreading defines own properties (even "__proto__"), into an ordinary object.
  return { ...values };
}

/** Names used in typed text and descriptions. */
export function usedNames(macro: Macro): Set<string> {
  const names = new Set<string>();
  for (const step of macro.steps) {
    const texts = step.kind === "type" ? [step.text] : "target" in step ? [step.target.description] : [];
    for (const t of texts) for (const n of placeholders(t)) names.add(n);
  }
  return names;
}

/** Parses `k=v` pairs from the command line; the value is everything after the first "=". */
export function parseVarFlags(pairs: readonly string[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const name = eq > 0 ? pair.slice(0, eq) : "";
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) throw new UsageError(`--var "${pair}" is not name=value (names are letters, digits and _)`);
    out[name] = pair.slice(eq + 1);
  }
  return { ...out };
}
