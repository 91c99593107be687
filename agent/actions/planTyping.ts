import { MAIN_BLOCK_KEYS, usLayout, type KeyboardLayout } from "../platform/keyboardLayout.js";

/** One part of typing a text: a key chord for a character a key types, or a run pasted whole. */
export type TypingStep = { kind: "chord"; keys: string[]; char: string } | { kind: "paste"; text: string };

// The keys the input driver presses by name: it finds each by the symbol a US keyboard prints on
// it, and the X server presses whichever key types that symbol unshifted on the user's layout.
const NAMEABLE = new Set("abcdefghijklmnopqrstuvwxyz0123456789-=[]\\;',./` ");

/**
 * Plans how to type `text` so it arrives exactly on `layout`: each character a key types, plain
 * or with Shift, as that key chord (Shift held explicitly, which nut-js's own `type` gets wrong
 * for `!"#$%&*+:>?@^_{}~`), newlines and tabs as Enter and Tab, and every other character
 * pasted through the clipboard. On a German layout "#" is its own key, not Shift+3 (that types
 * "§"); on a French one "1" is Shift and the key that types "&".
 */
export function planTyping(text: string, layout: KeyboardLayout = usLayout): TypingStep[] {
  const chords = chordsOf(layout);
  const steps: TypingStep[] = [];
  for (const char of text) {
    const keys = char === "\n" ? ["enter"] : char === "\t" ? ["tab"] : chords.get(char);
    if (char === "\r") continue;
    if (keys) {
      steps.push({ kind: "chord", keys: [...keys], char });
      continue;
    }
    const last = steps[steps.length - 1];
    if (last?.kind === "paste") last.text += char;
    else steps.push({ kind: "paste", text: char });
  }
  return steps;
}

/** For each character a nameable key of `layout` types unshifted or shifted: the chord that types it. */
function chordsOf(layout: KeyboardLayout): Map<string, readonly string[]> {
  const chords = new Map<string, readonly string[]>();
  for (const level of [0, 1] as const) {
    for (const code of MAIN_BLOCK_KEYS) {
      const base = layout.typed(code, 0);
      const typed = layout.typed(code, level);
      if (!base || !("char" in base) || !NAMEABLE.has(base.char) || !typed || !("char" in typed) || chords.has(typed.char)) continue;
      const name = base.char === " " ? "space" : base.char;
      chords.set(typed.char, level === 1 ? ["shift", name] : [name]);
    }
  }
  return chords;
}
