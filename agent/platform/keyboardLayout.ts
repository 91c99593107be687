import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { keyInfo } from "./keycodeNames.js";

/** What one key types at one level: a character, or a dead key's combining mark (it changes the next character). */
export type Typed = { readonly char: string } | { readonly dead: string };

/**
 * What the keys type, by uiohook key code. libuiohook reports where a key is, not what it types;
 * the layout says what. Levels: 0 plain, 1 Shift, 2 AltGr, 3 AltGr+Shift.
 */
export interface KeyboardLayout {
  /** Where it came from, for the record: "us" (built in) or "x11". */
  readonly source: string;
  typed(keycode: number, level: 0 | 1 | 2 | 3): Typed | undefined;
}

/** The US layout, built in: what the recorder assumes when it cannot read the user's. */
export const usLayout: KeyboardLayout = {
  source: "us",
  typed(keycode, level) {
    const info = keyInfo(keycode);
    const char = level === 0 ? info?.char : level === 1 ? info?.shifted : undefined;
    return char !== undefined ? { char } : undefined;
  },
};

const run = promisify(execFile);

/**
 * The X server's keymap as `xmodmap -pke` prints it, or undefined where there is no X display or
 * no xmodmap (the recorder then reads keys as US ones). The hook reports X input, so under
 * XWayland this is the layout X clients type with too.
 */
export async function readKeyboardLayout(env: NodeJS.ProcessEnv = process.env): Promise<KeyboardLayout | undefined> {
  if (process.platform !== "linux" || !env["DISPLAY"]) return undefined;
  try {
    const { stdout } = await run("xmodmap", ["-pke"], { env, timeout: 3000 });
    return parseXmodmap(stdout);
  } catch {
    return undefined;
  }
}

// libuiohook's X11 key codes for the main block are the evdev codes, which are X keycodes less 8:
// X keycode 10 ("1") is uiohook 2, 24 ("q" on US) 16, 65 (space) 57. Other keys type nothing.
const X_TO_UIOHOOK = 8;

/** The uiohook codes of the keys that type characters: the four rows and the space bar. */
export const MAIN_BLOCK_KEYS: readonly number[] = [...range(2, 13), ...range(16, 27), ...range(30, 41), ...range(43, 53), 57];
const isMainBlock = (code: number) => MAIN_BLOCK_KEYS.includes(code);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * A layout from `xmodmap -pke` output: `keycode  24 = q Q q Q at Greek_OMEGA at`, whose columns
 * are group 1 level 1 and 2, group 2 level 1 and 2, then group 1 level 3 and 4. A key or level
 * this cannot read (a keysym outside Latin-1 and Unicode with no name known here) falls back to
 * the US character at levels 0 and 1, and to nothing at the AltGr levels.
 */
export function parseXmodmap(text: string): KeyboardLayout {
  const keys = new Map<number, (Typed | undefined)[]>();
  for (const line of text.split("\n")) {
    const m = /^keycode\s+(\d+)\s*=\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const code = Number(m[1]) - X_TO_UIOHOOK;
    if (!isMainBlock(code)) continue;
    const cols = m[2]!.trim().split(/\s+/);
    const level = (i: number) => (cols[i] && cols[i] !== "NoSymbol" ? keysymTyped(cols[i]) : undefined);
    // A level with no symbol types what the level below it types (X's own rule for Shift).
    const plain = level(0);
    const shifted = level(1) ?? plain;
    const altGr = level(4);
    keys.set(code, [plain, shifted, altGr, level(5) ?? altGr]);
  }
  return {
    source: "x11",
    typed(keycode, lvl) {
      const typed = keys.get(keycode)?.[lvl];
      if (typed || lvl >= 2) return typed;
      return usLayout.typed(keycode, lvl);
    },
  };
}

/** The combining marks of the dead keys a Latin layout has. */
const DEAD: Record<string, string> = {
  grave: "\u0300",
  acute: "\u0301",
  circumflex: "\u0302",
  tilde: "\u0303",
  macron: "\u0304",
  breve: "\u0306",
  abovedot: "\u0307",
  diaeresis: "\u0308",
  abovering: "\u030A",
  doubleacute: "\u030B",
  caron: "\u030C",
  cedilla: "\u0327",
  ogonek: "\u0328",
  belowdot: "\u0323",
};

// Keysyms 0x20-0x7e and 0xa0-0xff are the Latin-1 characters with the same code; their X names, in order.
const LATIN1 = [
  "space exclam quotedbl numbersign dollar percent ampersand apostrophe parenleft parenright asterisk plus comma minus period slash",
  "0 1 2 3 4 5 6 7 8 9 colon semicolon less equal greater question at",
  "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore grave",
  "a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde",
]
  .join(" ")
  .split(" ");
const LATIN1_HIGH = (
  "nobreakspace exclamdown cent sterling currency yen brokenbar section diaeresis copyright ordfeminine guillemotleft notsign hyphen registered macron " +
  "degree plusminus twosuperior threesuperior acute mu paragraph periodcentered cedilla onesuperior masculine guillemotright onequarter onehalf threequarters questiondown " +
  "Agrave Aacute Acircumflex Atilde Adiaeresis Aring AE Ccedilla Egrave Eacute Ecircumflex Ediaeresis Igrave Iacute Icircumflex Idiaeresis " +
  "ETH Ntilde Ograve Oacute Ocircumflex Otilde Odiaeresis multiply Oslash Ugrave Uacute Ucircumflex Udiaeresis Yacute THORN ssharp " +
  "agrave aacute acircumflex atilde adiaeresis aring ae ccedilla egrave eacute ecircumflex ediaeresis igrave iacute icircumflex idiaeresis " +
  "eth ntilde ograve oacute ocircumflex otilde odiaeresis division oslash ugrave uacute ucircumflex udiaeresis yacute thorn ydiaeresis"
).split(" ");
const NAMED = new Map<string, string>([
  ...LATIN1.map((n, i) => [n, String.fromCharCode(0x20 + i)] as const),
  ...LATIN1_HIGH.map((n, i) => [n, String.fromCharCode(0xa0 + i)] as const),
  // Other spellings X accepts, and the common keysyms beyond Latin-1.
  ["guillemetleft", "«"],
  ["guillemetright", "»"],
  ["ordmasculine", "º"],
  ["Ooblique", "Ø"],
  ["ooblique", "ø"],
  ["Eth", "Ð"],
  ["Thorn", "Þ"],
  ["EuroSign", "€"],
  ["endash", "–"],
  ["emdash", "—"],
  ["ellipsis", "…"],
  ["trademark", "™"],
  ["leftsinglequotemark", "‘"],
  ["rightsinglequotemark", "’"],
  ["leftdoublequotemark", "“"],
  ["rightdoublequotemark", "”"],
  ["singlelowquotemark", "‚"],
  ["doublelowquotemark", "„"],
]);

/** What a keysym name types, or undefined for a function key or a keysym this does not know. */
export function keysymTyped(name: string): Typed | undefined {
  if (name.startsWith("dead_")) {
    const mark = DEAD[name.slice(5)];
    return mark ? { dead: mark } : undefined;
  }
  const named = NAMED.get(name);
  if (named) return { char: named };
  const unicode = /^U([0-9A-Fa-f]{4,6})$/.exec(name) ?? /^0x01([0-9a-fA-F]{6})$/.exec(name);
  if (unicode) {
    const cp = parseInt(unicode[1]!, 16);
    return cp >= 0x20 && cp <= 0x10ffff && !(cp >= 0x7f && cp < 0xa0) ? { char: String.fromCodePoint(cp) } : undefined;
  }
  return undefined;
}

/**
 * The character a dead key's mark and the next character make ("´" then "e": "é"); a space after
 * a dead key types the accent itself; anything that does not combine types both, as most
 * layouts do.
 */
export function applyDeadKey(mark: string, next: string): string {
  if (next === " ") return SPACING[mark] ?? mark;
  const composed = (next + mark).normalize("NFC");
  return [...composed].length === 1 ? composed : (SPACING[mark] ?? "") + next;
}

const SPACING: Record<string, string> = {
  "\u0300": "`",
  "\u0301": "´",
  "\u0302": "^",
  "\u0303": "~",
  "\u0304": "¯",
  "\u0306": "˘",
  "\u0307": "˙",
  "\u0308": "¨",
  "\u030A": "˚",
  "\u030B": "˝",
  "\u030C": "ˇ",
  "\u0327": "¸",
  "\u0328": "˛",
  "\u0323": ".",
};
