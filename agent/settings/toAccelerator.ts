import { DEFAULT_STOP_KEY } from "../inputHook/defaultStopKey.js";

/** A settings hotkey as Electron's globalShortcut takes it, or why it cannot be one. */
export type AcceleratorResult = { readonly ok: true; readonly accelerator: string } | { readonly ok: false; readonly problem: string };

const MODIFIERS: Readonly<Record<string, string>> = {
  ctrl: "Ctrl",
  control: "Ctrl",
  alt: "Alt",
  option: "Alt",
  altgr: "AltGr",
  shift: "Shift",
  cmd: "Command",
  command: "Command",
  cmdorctrl: "CommandOrControl",
  commandorcontrol: "CommandOrControl",
  super: "Super",
  meta: "Super",
  win: "Super",
};

// Electron's accelerator key codes (docs/api/accelerator.md) by lower-case name, with the
// spellings the CLI's --stop-key and xdotool use.
const NAMED_KEYS: Readonly<Record<string, string>> = {
  plus: "Plus",
  space: "Space",
  tab: "Tab",
  capslock: "Capslock",
  numlock: "Numlock",
  scrolllock: "Scrolllock",
  scroll_lock: "Scrolllock",
  backspace: "Backspace",
  delete: "Delete",
  del: "Delete",
  insert: "Insert",
  ins: "Insert",
  return: "Return",
  enter: "Return",
  up: "Up",
  down: "Down",
  left: "Left",
  right: "Right",
  home: "Home",
  end: "End",
  pageup: "PageUp",
  page_up: "PageUp",
  pagedown: "PageDown",
  page_down: "PageDown",
  escape: "Escape",
  esc: "Escape",
  printscreen: "PrintScreen",
  print: "PrintScreen",
  volumeup: "VolumeUp",
  volumedown: "VolumeDown",
  volumemute: "VolumeMute",
  mediaplaypause: "MediaPlayPause",
  mediastop: "MediaStop",
  medianexttrack: "MediaNextTrack",
  mediaprevioustrack: "MediaPreviousTrack",
  numdec: "numdec",
  numadd: "numadd",
  numsub: "numsub",
  nummult: "nummult",
  numdiv: "numdiv",
};

const PUNCTUATION = new Set([..."`-=[]\\;',./"]);

/**
 * Turns a settings hotkey ("Ctrl+Alt+Escape", "ctrl+alt+p", "scrolllock") into an Electron
 * accelerator, or says what is wrong with it in words the Settings screen can show.
 */
export function toAccelerator(chord: string): AcceleratorResult {
  const parts = chord
    .trim()
    .split("+")
    .map((p) => p.trim());
  // "Ctrl++" means Ctrl and the plus key.
  if (parts.length >= 2 && parts.at(-1) === "" && parts.at(-2) === "") parts.splice(-2, 2, "plus");
  const key = parts.pop() ?? "";
  const bad = (why: string): AcceleratorResult => ({
    ok: false,
    problem: `The hotkey "${chord}" ${why}; use e.g. ${DEFAULT_STOP_KEY}, Ctrl+Alt+P or Scrolllock.`,
  });
  if (parts.some((p) => p === "") || key === "") return bad("has an empty part");
  const mods: string[] = [];
  for (const p of parts) {
    const m = MODIFIERS[p.toLowerCase()];
    if (!m) return bad(`has "${p}" where a modifier (Ctrl, Alt, Shift, Cmd, Super) belongs`);
    if (mods.includes(m)) return bad(`names ${m} twice`);
    mods.push(m);
  }
  const name = keyCode(key);
  if (!name) return bad(`ends in "${key}", which is not a key Electron can bind`);
  if (mods.length === 0 && /^[A-Z0-9]$|^Space$|^Tab$|^Return$|^Backspace$/.test(name)) {
    return bad("is a plain typing key; a global hotkey on it would swallow that key in every app, so add a modifier");
  }
  return { ok: true, accelerator: [...mods, name].join("+") };
}

function keyCode(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (/^[a-z0-9]$/.test(lower)) return lower.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(lower)) return lower.toUpperCase();
  if (/^num[0-9]$/.test(lower)) return lower;
  if (PUNCTUATION.has(key)) return key;
  return NAMED_KEYS[lower];
}
