import type { StepEntry } from "../runs/RunLogEntry.js";
import { MACRO_LIMITS } from "./MacroSchema.js";

const VERBS: Record<string, string> = {
  left_click: "clicked",
  right_click: "right-clicked",
  middle_click: "middle-clicked",
  double_click: "double-clicked",
  left_click_drag: "dragged to",
  mouse_move: "pointed at",
  scroll: "scrolled",
};

/**
 * A target's description from what the run recorded, for replay's grounding fallback and for the
 * user to read and edit: the model's own words around its tool call when it wrote any, else what
 * the policy inspector read at the point (label and role), else the step and its action (for the
 * user to replace: the panel and the file are editable).
 */
export function describeRunStep(entry: StepEntry): string {
  const said = proseOf(entry.raw ?? "");
  if (said) return clip(said);
  const t = entry.policy?.target;
  const label = typeof t?.["label"] === "string" ? t["label"].trim() : "";
  const role = typeof t?.["role"] === "string" && t["role"] !== "other" ? t["role"] : "";
  if (label) return clip(`the "${label}"${role ? ` ${role === "text" ? "field" : role}` : ""}`);
  // Not the task's words: a task like "send the report" would make every step look risky to the safety policy.
  const verb = VERBS[entry.screenAction?.action ?? ""] ?? "acted on";
  return clip(`the element step ${entry.step} of the run ${verb}`);
}

/** The answer without its tool call, code fences and JSON: the first sentence of what the model said, if anything. */
function proseOf(raw: string): string {
  const text = raw
    .replace(/<tool_call>[\s\S]*?(<\/tool_call>|$)/g, " ")
    .replace(/```[\s\S]*?(```|$)/g, " ")
    .replace(/\{[\s\S]*\}/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const sentence = /^[^.!?\n]*[.!?]?/.exec(text)?.[0]?.trim() ?? "";
  return /[A-Za-z\p{L}]{2}/u.test(sentence) ? sentence.replace(/^(thought|action|reasoning)\s*:\s*/i, "") : "";
}

function clip(s: string): string {
  return s.length <= MACRO_LIMITS.description ? s : `${s.slice(0, MACRO_LIMITS.description - 1)}…`;
}
