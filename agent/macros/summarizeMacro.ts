import type { Macro } from "./MacroSchema.js";
import type { MacroSummary } from "./MacrosApi.js";
import { describeStep } from "./describeMacro.js";
import { usedNames } from "./substituteVariables.js";

/** The summary `macro show --json` prints and the Macros screen lists. */
export function summarizeMacro(path: string, macro: Macro): MacroSummary {
  const names = new Set([...Object.keys(macro.variables), ...usedNames(macro)]);
  return {
    path,
    name: macro.name,
    version: macro.version,
    variables: [...names].map((name) => {
      const v = macro.variables[name] ?? {};
      return {
        name,
        ...(v.default !== undefined ? { default: v.default } : {}),
        ...(v.description ? { description: v.description } : {}),
        required: v.default === undefined,
      };
    }),
    steps: macro.steps.map((s, i) => ({ step: i + 1, kind: s.kind, summary: describeStep(s) })),
  };
}
