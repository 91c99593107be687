/** One part of typing a text: a key chord for an ASCII character, or a run pasted whole. */
export type TypingStep = { kind: "chord"; keys: string[]; char: string } | { kind: "paste"; text: string };

// US-layout characters that need Shift, with the unshifted key that carries them.
const shifted: Record<string, string> = {
  "!": "1", "@": "2", "#": "3", $: "4", "%": "5", "^": "6", "&": "7", "*": "8", "(": "9", ")": "0",
  _: "-", "+": "=", "{": "[", "}": "]", "|": "\\", ":": ";", '"': "'", "<": ",", ">": ".", "?": "/", "~": "`",
};
const plain = new Set("abcdefghijklmnopqrstuvwxyz0123456789-=[]\\;',./` ");

/**
 * Plans how to type `text` so it arrives exactly: ASCII as explicit key chords (Shift held
 * where the character needs it, which nut-js's own `type` gets wrong for `!"#$%&*+:>?@^_{}~`),
 * newlines and tabs as Enter and Tab, and every other character pasted through the
 * clipboard, since no key produces it on an arbitrary layout.
 */
export function planTyping(text: string): TypingStep[] {
  const steps: TypingStep[] = [];
  for (const char of text) {
    let keys: string[] | undefined;
    if (plain.has(char)) keys = [char === " " ? "space" : char];
    else if (char >= "A" && char <= "Z") keys = ["shift", char.toLowerCase()];
    else if (shifted[char]) keys = ["shift", shifted[char]];
    else if (char === "\n") keys = ["enter"];
    else if (char === "\t") keys = ["tab"];
    else if (char === "\r") continue;
    if (keys) {
      steps.push({ kind: "chord", keys, char });
      continue;
    }
    const last = steps[steps.length - 1];
    if (last?.kind === "paste") last.text += char;
    else steps.push({ kind: "paste", text: char });
  }
  return steps;
}
