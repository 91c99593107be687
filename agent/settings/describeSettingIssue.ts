import type { z } from "zod";
import type { SettingIssue } from "./SettingIssue.js";

type Issue = z.core.$ZodIssue;

const TYPES: Readonly<Record<string, string>> = {
  number: "a number",
  int: "a whole number",
  boolean: "on or off (true or false)",
  string: "text",
  array: "a list",
  object: "a group of settings",
};

/** A validation issue of the settings schemas in words a user can act on, at the setting's path. */
export function describeSettingIssue(issue: Issue): SettingIssue {
  return { path: issue.path.map(String).join("."), message: inWords(issue) };
}

/**
 * Every issue of a refused change in words, one per setting: a second issue at the same path
 * (an empty hotkey is also one with an empty part) says the same thing again.
 */
export function describeSettingIssues(issues: readonly Issue[]): SettingIssue[] {
  const byPath = new Map<string, SettingIssue>();
  for (const issue of issues.map(describeSettingIssue)) if (!byPath.has(issue.path)) byPath.set(issue.path, issue);
  return [...byPath.values()];
}

function inWords(issue: Issue): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
      if (issue.origin === "array") return `must list at least ${issue.minimum}`;
      return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `must list at most ${issue.maximum}`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case "invalid_type":
      return `must be ${TYPES[issue.expected] ?? issue.expected}`;
    case "invalid_format":
      return issue.format === "url" ? "must be a full web address such as https://huggingface.co" : `must be a valid ${issue.format}`;
    case "invalid_value":
      return `must be ${choices(issue.values)}`;
    case "unrecognized_keys":
      return `has no setting ${issue.keys.join(", ")}: remove ${issue.keys.length > 1 ? "them" : "it"}`;
    case "invalid_union":
      return unionInWords(issue.errors);
    default:
      // Our own refinements (hotkeys, the context size, min ≤ max) already say what to do.
      return issue.message;
  }
}

/**
 * A value none of a union's forms took (`auto`, `max` or a number of layers): when it had the
 * right type for one form, what that form wants; otherwise every form it could have taken.
 */
function unionInWords(branches: readonly (readonly Issue[])[]): string {
  const near = branches.flat().find((i) => i.code !== "invalid_type" && i.code !== "invalid_value");
  if (near) return inWords(near);
  const forms = branches
    .flat()
    .flatMap((i) => (i.code === "invalid_value" ? i.values.map((v) => JSON.stringify(v)) : i.code === "invalid_type" ? [TYPES[i.expected] ?? i.expected] : []));
  return forms.length > 0 ? `must be ${[...new Set(forms)].join(" or ")}` : "is not a form this setting takes";
}

function choices(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  return shown.length === 1 ? shown[0]! : `one of ${shown.join(", ")}`;
}
