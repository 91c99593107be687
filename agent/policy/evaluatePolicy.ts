import type { ComputerAction } from "../actions/ComputerAction.js";
import type { SafetyPolicy } from "./SafetyPolicy.js";
import type { TargetInfo } from "./TargetInfo.js";
import { destructiveKeyReason } from "./destructiveKeys.js";
import { detectInjection } from "./detectInjection.js";

export interface PolicyDecision {
  readonly verdict: "allow" | "confirm";
  /** Why confirmation is needed; empty when allowed. */
  readonly reasons: readonly string[];
}

const POINTER = new Set(["left_click", "right_click", "middle_click", "double_click", "left_click_drag"]);
const PASSWORD_LABEL = /\b(password|passphrase|passcode|pin|secret|passwort|mot de passe|contraseña)\b/i;

/** Decides whether an action may run as is or needs the user's confirmation (docs/design.md §8). */
export function evaluatePolicy(action: ComputerAction, target: TargetInfo, policy: SafetyPolicy, task: string): PolicyDecision {
  if (!policy.enabled || action.action === "terminate" || action.action === "wait") return { verdict: "allow", reasons: [] };
  const reasons: string[] = [];
  const label = target.label ?? "";

  // An empty allow-list limits no application; the other checks apply in every app.
  if (policy.allowedApps.length > 0 && action.action !== "mouse_move" && action.action !== "scroll") {
    const app = target.app?.toLowerCase();
    if (!app) reasons.push("an allow-list of applications is set, but the application under the action is unknown");
    else if (!policy.allowedApps.some((a) => app.includes(a.toLowerCase()))) reasons.push(`the application "${target.app}" is not on the allow-list`);
  }
  if (action.action === "type") {
    if (policy.passwordFields && (target.role === "password" || PASSWORD_LABEL.test(label))) reasons.push("typing into what looks like a password field");
    const injected = policy.injection ? detectInjection(action.text, task, target.screenText) : undefined;
    if (injected) reasons.push(injected);
  }
  if (action.action === "key" && policy.destructiveKeys) {
    const destructive = destructiveKeyReason(action.keys);
    if (destructive) reasons.push(destructive);
  }
  const word = riskyWord(label, policy.riskyWords);
  if (word && (POINTER.has(action.action) || (action.action === "key" && isEnter(action.keys)))) {
    reasons.push(`the target "${clip(label)}" says "${word}"`);
  }
  return { verdict: reasons.length > 0 ? "confirm" : "allow", reasons };
}

/** The first risky word found in `text` as a whole word (so "sender" does not count as "send"). */
export function riskyWord(text: string, words: readonly string[]): string | undefined {
  return words.find((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(text));
}

function isEnter(keys: readonly string[]): boolean {
  return keys.length === 1 && /^(enter|return|kp_enter)$/i.test(keys[0]!);
}

function clip(s: string): string {
  return s.length <= 40 ? s : `${s.slice(0, 39)}…`;
}
