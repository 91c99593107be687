import { splitChord } from "../actions/keyNames.js";

const MODIFIER: Record<string, string> = { control: "ctrl", ctl: "ctrl", cmd: "meta", command: "meta", super: "meta", win: "meta", windows: "meta", option: "alt", del: "delete" };

/** Chords that close, quit, delete or log out, normalised as sorted lower-case names. */
const DESTRUCTIVE = new Set(
  [
    "alt+f4", "ctrl+w", "ctrl+shift+w", "ctrl+q", "ctrl+shift+q", "meta+q", "meta+w", "ctrl+f4",
    "shift+delete", "ctrl+shift+delete", "ctrl+alt+delete", "ctrl+alt+backspace", "meta+backspace", "meta+delete",
    "alt+shift+q", "meta+shift+q", "ctrl+alt+q",
  ].map((c) => c.split("+").sort().join("+")),
);

/** The chord as one normalised string ("ctrl+w"), for display and comparison. */
export function chordName(keys: readonly string[]): string {
  return splitChord(keys)
    .map((k) => k.trim().toLowerCase())
    .map((k) => MODIFIER[k] ?? k)
    .sort()
    .join("+");
}

/**
 * Why a key action is destructive, or undefined. A bare Delete counts unless it goes to a text
 * field, where it only edits text.
 */
export function destructiveKeyReason(keys: readonly string[], targetRole?: string): string | undefined {
  const chord = chordName(keys);
  if (DESTRUCTIVE.has(chord)) return `the key combination ${chord} closes, quits or deletes`;
  if (chord === "delete" && targetRole !== "text" && targetRole !== "password") return "Delete outside a text field may delete files or items";
  return undefined;
}
