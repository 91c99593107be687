/**
 * uiohook key codes (PC set-1 scan codes, as libuiohook reports them) to DeskPilot key names,
 * with the characters they type on a US layout. libuiohook reports codes, not characters: the
 * recorder reads what they type on the user's layout from agent/platform/keyboardLayout.ts,
 * and falls back to these.
 */
interface KeyInfo {
  readonly name: string;
  readonly char?: string;
  readonly shifted?: string;
  /** The keys a replay presses for it, when the input driver cannot press the key itself. */
  readonly replayAs?: readonly string[];
}

const keys: Record<number, KeyInfo> = {};
const row = (codes: number[], chars: string, shifted: string) =>
  codes.forEach((c, i) => (keys[c] = { name: chars[i]!, char: chars[i]!, shifted: shifted[i]! }));

row([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], "1234567890-=", "!@#$%^&*()_+");
row([16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27], "qwertyuiop[]", "QWERTYUIOP{}");
row([30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41], "asdfghjkl;'`", 'ASDFGHJKL:"~');
row([43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53], "\\zxcvbnm,./", "|ZXCVBNM<>?");
keys[57] = { name: "space", char: " ", shifted: " " };

const named: Record<number, string> = {
  1: "escape",
  14: "backspace",
  15: "tab",
  28: "enter",
  3612: "enter",
  58: "capslock",
  3657: "pageup",
  3665: "pagedown",
  3663: "end",
  3655: "home",
  3666: "insert",
  3667: "delete",
  57419: "left",
  57416: "up",
  57421: "right",
  57424: "down",
  59: "f1",
  60: "f2",
  61: "f3",
  62: "f4",
  63: "f5",
  64: "f6",
  65: "f7",
  66: "f8",
  67: "f9",
  68: "f10",
  87: "f11",
  88: "f12",
  3639: "print",
  69: "numlock",
  70: "scrolllock",
  3653: "pause",
  29: "ctrl",
  3613: "ctrl",
  56: "alt",
  3640: "alt",
  42: "shift",
  54: "shift",
  3675: "super",
  3676: "super",
};
for (const [code, name] of Object.entries(named)) keys[Number(code)] = { name };
// The context-menu key: libnut has no X11 code for it (agent/actions/keyNames.ts), so a macro
// would fail to play it. Shift+F10 is its keyboard equivalent in GTK, Qt, Windows and browsers.
keys[3677] = { name: "menu", replayAs: ["shift", "f10"] };

const MODIFIERS = new Set(["ctrl", "alt", "shift", "super"]);

/** The key's name (as `deskpilot act` takes it) and what it types, unshifted and shifted. */
export function keyInfo(keycode: number): KeyInfo | undefined {
  return keys[keycode];
}

export function isModifier(name: string): boolean {
  return MODIFIERS.has(name);
}

/** Whether the hook can report a key of this name. */
export function knownKeyName(name: string): boolean {
  return Object.values(keys).some((k) => k.name === name);
}
