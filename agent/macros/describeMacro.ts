import type { Macro, MacroStep, MacroTarget } from "./MacroSchema.js";

/** One line per step, as `deskpilot macro show` prints it. */
export function describeStep(step: MacroStep): string {
  const wait = step.waitBeforeMs > 0 ? `after ${step.waitBeforeMs} ms, ` : "";
  const body = (() => {
    switch (step.kind) {
      case "click": {
        const what = step.count === 2 ? "double-click" : step.button === "left" ? "click" : `${step.button}-click`;
        return `${what} ${target(step.target)}`;
      }
      case "drag":
        return `drag ${target(step.target)} to ${target(step.to)}`;
      case "type":
        return `type ${JSON.stringify(step.text)}`;
      case "key":
        return `press ${step.keys.join("+")}`;
      case "scroll":
        return `scroll ${step.pixels > 0 ? "up" : "down"} ${Math.abs(step.pixels)} px over ${target(step.target)}`;
      case "wait":
        return `wait ${step.ms} ms`;
    }
  })();
  return `${wait}${body}${step.note ? `  # ${step.note}` : ""}`;
}

function target(t: MacroTarget): string {
  const name = t.description ? `"${t.description}"` : "(no description)";
  const crop = t.crop ? `, crop ${t.crop.width}x${t.crop.height}` : ", no crop";
  const app = t.window?.app ? ` in ${t.window.app}` : "";
  return `${name} at (${t.point.x}, ${t.point.y})${app}${crop}`;
}

/** A readable summary of a macro: name, variables, numbered steps. */
export function describeMacro(macro: Macro): string {
  const lines = [`${macro.name} — ${macro.steps.length} step${macro.steps.length === 1 ? "" : "s"} (format version ${macro.version})`];
  const vars = Object.entries(macro.variables);
  if (vars.length > 0) {
    lines.push("variables:");
    for (const [name, v] of vars)
      lines.push(`  {{${name}}}${v.default !== undefined ? ` = ${JSON.stringify(v.default)}` : " (required)"}${v.description ? ` — ${v.description}` : ""}`);
  }
  macro.steps.forEach((s, i) => lines.push(`${String(i + 1).padStart(3)}. ${describeStep(s)}`));
  return lines.join("\n");
}
