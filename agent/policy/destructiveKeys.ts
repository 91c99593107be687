import { splitChord } from "../actions/keyNames.js";

const MODIFIER: Record<string, string> = {
  control: "ctrl",
  ctl: "ctrl",
  cmd: "meta",
  command: "meta",
  super: "meta",
  win: "meta",
  windows: "meta",
  option: "alt",
  del: "delete",
  kp_delete: "delete",
  ins: "insert",
  kp_insert: "insert",
};

/** Chords that close, quit, delete or log out, normalised as sorted lower-case names. */
const DESTRUCTIVE = new Set(
  [
    "alt+f4",
    "ctrl+w",
    "ctrl+shift+w",
    "ctrl+q",
    "ctrl+shift+q",
    "meta+q",
    "meta+w",
    "ctrl+f4",
    "shift+delete",
    "ctrl+shift+delete",
    "ctrl+alt+delete",
    "ctrl+alt+backspace",
    "meta+backspace",
    "meta+delete",
    "alt+shift+q",
    "meta+shift+q",
    "ctrl+alt+q",
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
 * Why a key action is destructive, or undefined. Delete and Insert ask in any chord and whatever
 * the target: a key goes to whatever has focus, and the policy only sees the element at the last
 * pointer position, which is not always it. Delete outside a text field deletes files, mails or
 * list items; Insert turns on overwrite mode, where the next typing silently replaces text (and
 * Shift+Insert pastes).
 */
export function destructiveKeyReason(keys: readonly string[]): string | undefined {
  const chord = chordName(keys);
  if (DESTRUCTIVE.has(chord)) return `the key combination ${chord} closes, quits or deletes`;
  const names = chord.split("+");
  if (names.includes("delete")) return `${chord === "delete" ? "Delete" : chord} may delete files or items: the key goes to whatever has focus`;
  if (names.includes("insert")) return `${chord === "insert" ? "Insert" : chord} may switch a text field to overwrite mode, or paste`;
  return undefined;
}
