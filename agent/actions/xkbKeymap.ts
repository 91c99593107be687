import { keyEnumName } from "./keyNames.js";

/**
 * XKB keymaps for a virtual keyboard (Wayland's zwp_virtual_keyboard_v1), in the text format
 * xkbcommon compiles. Two kinds: named keys (modifiers, Return, F-keys, letters…) are pressed on
 * a US PC keymap, each at its own keycode, so shortcuts look as from a real keyboard; text is
 * typed on a keymap of its own in which each character the text needs has a key whose only
 * symbol is that character's keysym. A character is then one press with no modifier held, so any
 * text, Unicode included, arrives exactly whatever layout the user has.
 */

/** The real modifiers' masks in a keymap built on xkbcommon's "complete" compatibility map. */
export const modifierMask = { Shift: 1, Lock: 2, Control: 4, Mod1: 8, Mod2: 16, Mod4: 64 } as const;
type Modifier = keyof typeof modifierMask;

type KeyDef = readonly [evdev: number, keysym: string, shifted?: string, modifier?: Modifier];

/** Our key names' nut-js enum names (keyNames.ts) → their key on a US PC keyboard (linux/input-event-codes.h). */
const NAMED: Readonly<Record<string, KeyDef>> = {
  Escape: [1, "Escape"],
  Minus: [12, "minus", "underscore"],
  Equal: [13, "equal", "plus"],
  Backspace: [14, "BackSpace"],
  Tab: [15, "Tab", "ISO_Left_Tab"],
  LeftBracket: [26, "bracketleft", "braceleft"],
  RightBracket: [27, "bracketright", "braceright"],
  Enter: [28, "Return"],
  LeftControl: [29, "Control_L", undefined, "Control"],
  Semicolon: [39, "semicolon", "colon"],
  Quote: [40, "apostrophe", "quotedbl"],
  Grave: [41, "grave", "asciitilde"],
  LeftShift: [42, "Shift_L", undefined, "Shift"],
  Backslash: [43, "backslash", "bar"],
  Comma: [51, "comma", "less"],
  Period: [52, "period", "greater"],
  Slash: [53, "slash", "question"],
  RightShift: [54, "Shift_R", undefined, "Shift"],
  Multiply: [55, "KP_Multiply"],
  LeftAlt: [56, "Alt_L", undefined, "Mod1"],
  Space: [57, "space"],
  CapsLock: [58, "Caps_Lock", undefined, "Lock"],
  NumLock: [69, "Num_Lock", undefined, "Mod2"],
  ScrollLock: [70, "Scroll_Lock"],
  Add: [78, "KP_Add"],
  RightControl: [97, "Control_R", undefined, "Control"],
  Print: [99, "Print"],
  RightAlt: [100, "Alt_R", undefined, "Mod1"],
  Home: [102, "Home"],
  Up: [103, "Up"],
  PageUp: [104, "Prior"],
  Left: [105, "Left"],
  Right: [106, "Right"],
  End: [107, "End"],
  Down: [108, "Down"],
  PageDown: [109, "Next"],
  Insert: [110, "Insert"],
  Delete: [111, "Delete"],
  Pause: [119, "Pause"],
  LeftSuper: [125, "Super_L", undefined, "Mod4"],
  RightSuper: [126, "Super_R", undefined, "Mod4"],
  LeftMeta: [125, "Super_L", undefined, "Mod4"],
  RightMeta: [126, "Super_R", undefined, "Mod4"],
  LeftCmd: [125, "Super_L", undefined, "Mod4"],
};
const DIGIT_SHIFTED = ["parenright", "exclam", "at", "numbersign", "dollar", "percent", "asciicircum", "ampersand", "asterisk", "parenleft"];
const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"] as const;
const ROW_START = [16, 30, 44] as const;
// F1–F10 59–68, F11 87, F12 88, F13–F24 183–194
const F_KEYS = [59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 87, 88, ...Array.from({ length: 12 }, (_, i) => 183 + i)];

/** Every named key by nut-js enum name. */
const NAMED_KEYS: ReadonlyMap<string, KeyDef> = new Map<string, KeyDef>([
  ...Object.entries(NAMED),
  ...ROWS.flatMap((row, r) => [...row].map((c, i) => [c.toUpperCase(), [ROW_START[r]! + i, c, c.toUpperCase()]] as const)),
  ...[..."1234567890"].map((d, i) => [`Num${d}`, [2 + i, d, DIGIT_SHIFTED[+d]]] as const),
  ...F_KEYS.map((code, i) => [`F${i + 1}`, [code, `F${i + 1}`]] as const),
]);

/**
 * The keys that type a character on a PC keyboard (the digit, letter and punctuation rows,
 * space, and the ISO key beside left Shift). Applications give some other keys a meaning of
 * their own whatever their keysym says (Chromium turns a key at Backspace's or End's keycode
 * into Backspace or End), so text is typed on these keys only.
 */
const PRINTABLE_CODES: readonly number[] = [
  ...Array.from({ length: 12 }, (_, i) => 2 + i),
  ...Array.from({ length: 12 }, (_, i) => 16 + i),
  ...Array.from({ length: 12 }, (_, i) => 30 + i),
  ...Array.from({ length: 11 }, (_, i) => 43 + i),
  57,
  86,
];
/** How many distinct characters one text keymap carries. */
export const CHARACTER_SLOTS = PRINTABLE_CODES.length;

/** The keysym of one character (a code point): Latin-1 keysyms are the code point, others 0x01000000 + it. */
export function characterKeysym(ch: string): number {
  if (ch === "\n" || ch === "\r") return 0xff0d; // Return
  if (ch === "\t") return 0xff09; // Tab
  const cp = ch.codePointAt(0)!;
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return 0x01000000 + cp;
}

/** A key press as the virtual keyboard sends it. */
export interface VirtualKey {
  /** evdev keycode in this keymap. */
  readonly code: number;
  /** The modifier this key holds while down, if any. */
  readonly modifier?: Modifier;
}

export interface XkbKeymap {
  /** The keymap in XKB text format v1. */
  readonly text: string;
  /** The characters that have a key of their own in it. */
  readonly characters: ReadonlySet<string>;
  /** The key for a key name ("ctrl", "Return", "a", "F5"), or undefined for a name DeskPilot does not know. */
  named(name: string): VirtualKey | undefined;
  /** The key that types `ch` with no modifier held, or undefined when this keymap has none for it. */
  character(ch: string): VirtualKey | undefined;
}

/** The keymap DeskPilot presses named keys with: a US PC keyboard, each key at its own keycode. */
export function namedKeymap(): XkbKeymap {
  named ??= writeKeymap(
    [...new Map([...NAMED_KEYS.values()].map((def) => [def[0], def] as const)).values()],
    new Map([...NAMED_KEYS].map(([name, [code, , , modifier]]) => [name, { code, ...(modifier ? { modifier } : {}) }] as const)),
    new Map(),
  );
  return named;
}
let named: XkbKeymap | undefined;

/** A keymap that types each of `characters` (at most CHARACTER_SLOTS distinct ones) with one key and no modifier. */
export function textKeymap(characters: Iterable<string>): XkbKeymap {
  const chars = [...new Set(characters)];
  if (chars.length > CHARACTER_SLOTS) throw new RangeError(`one keymap holds at most ${CHARACTER_SLOTS} characters, not ${chars.length}`);
  const defs = chars.map((ch, i): KeyDef => [PRINTABLE_CODES[i]!, `0x${characterKeysym(ch).toString(16).padStart(8, "0")}`]);
  // left Shift too, at its own keycode: the key a new keyboard is primed with (WlrootsInputDriver)
  const shift = NAMED["LeftShift"]!;
  return writeKeymap(
    [shift, ...defs],
    new Map([["LeftShift", { code: shift[0], modifier: "Shift" }]]),
    new Map(chars.map((ch, i) => [ch, { code: PRINTABLE_CODES[i]! }])),
  );
}

function writeKeymap(defs: readonly KeyDef[], byName: ReadonlyMap<string, VirtualKey>, byChar: ReadonlyMap<string, VirtualKey>): XkbKeymap {
  const sorted = [...defs].sort((a, b) => a[0] - b[0]);
  const key = (evdev: number) => `<K${evdev + 8}>`;
  const byModifier = new Map<Modifier, string[]>();
  for (const [code, , , modifier] of sorted) if (modifier) byModifier.set(modifier, [...(byModifier.get(modifier) ?? []), key(code)]);
  const text = [
    "xkb_keymap {",
    `  xkb_keycodes "deskpilot" {`,
    "    minimum = 8;",
    "    maximum = 255;",
    ...sorted.map(([code]) => `    ${key(code)} = ${code + 8};`),
    "  };",
    `  xkb_types "deskpilot" { include "complete" };`,
    `  xkb_compatibility "deskpilot" { include "complete" };`,
    `  xkb_symbols "deskpilot" {`,
    ...sorted.map(([code, sym, shifted]) => `    key ${key(code)} { [ ${shifted ? `${sym}, ${shifted}` : sym} ] };`),
    ...[...byModifier].map(([m, keys]) => `    modifier_map ${m} { ${keys.join(", ")} };`),
    "  };",
    "};",
    "",
  ].join("\n");
  return {
    text,
    characters: new Set(byChar.keys()),
    named: (name) => {
      const e = keyEnumName(name);
      return e === undefined ? undefined : byName.get(e);
    },
    character: (ch) => byChar.get(ch),
  };
}

/**
 * Splits `text` into runs that each fit one keymap, reusing `current` for as long as it has
 * every character: a text of few distinct characters changes the keymap at most once.
 */
export function keymapRuns(text: string, current?: XkbKeymap): { keymap: XkbKeymap; text: string }[] {
  const runs: { keymap: XkbKeymap; text: string }[] = [];
  const chars = [...text];
  let i = 0;
  while (i < chars.length) {
    if (current && current.characters.has(chars[i]!)) {
      let j = i;
      while (j < chars.length && current.characters.has(chars[j]!)) j++;
      runs.push({ keymap: current, text: chars.slice(i, j).join("") });
      i = j;
      continue;
    }
    // a new keymap for as much of the rest as fits
    const set = new Set<string>();
    let j = i;
    while (j < chars.length && (set.has(chars[j]!) || set.size < CHARACTER_SLOTS)) set.add(chars[j++]!);
    current = textKeymap(set);
    runs.push({ keymap: current, text: chars.slice(i, j).join("") });
    i = j;
  }
  return runs;
}
