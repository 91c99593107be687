import { splitChord } from "../actions/keyNames.js";
import type { RawEvent } from "./RawEvent.js";
import { keyInfo, knownKeyName } from "../platform/keycodeNames.js";
import { UsageError } from "../errors/UsageError.js";

export { DEFAULT_STOP_KEY } from "./defaultStopKey.js";

const MODS: Record<string, "ctrl" | "alt" | "shift" | "meta"> = {
  ctrl: "ctrl",
  control: "ctrl",
  alt: "alt",
  option: "alt",
  shift: "shift",
  super: "meta",
  meta: "meta",
  win: "meta",
  cmd: "meta",
  command: "meta",
};
// The spellings the settings accept as Electron accelerators (toAccelerator) for keys the hook names otherwise.
const ALIASES: Record<string, string> = {
  esc: "escape",
  scroll_lock: "scrolllock",
  del: "delete",
  ins: "insert",
  return: "enter",
  page_up: "pageup",
  page_down: "pagedown",
  printscreen: "print",
};

/** A test for the stop key or chord (e.g. "Ctrl+Shift+F9", "scrolllock"): its key press, with exactly its modifiers. */
export function stopKeyMatcher(chord: string): (e: RawEvent) => boolean {
  const parts = splitChord([chord]).map((p) => p.toLowerCase());
  const key = ALIASES[parts.at(-1)!] ?? parts.at(-1)!;
  const mods = new Set(parts.slice(0, -1).map((m) => MODS[m] ?? m));
  if (!knownKeyName(key) || [...mods].some((m) => !["ctrl", "alt", "shift", "meta"].includes(m))) {
    throw new UsageError(
      `the stop key "${chord}" is not a key the input hook can see; use e.g. Ctrl+Shift+F9, scrolllock or ctrl+alt+q (--stop-key, or hotkeys.stop in the settings)`,
    );
  }
  return (e) =>
    (e.type === "keydown" || e.type === "keyup") &&
    keyInfo(e.keycode)?.name === key &&
    e.ctrl === mods.has("ctrl") &&
    e.alt === mods.has("alt") &&
    e.meta === mods.has("meta") &&
    (e.shift === mods.has("shift") || !mods.has("shift"));
}
