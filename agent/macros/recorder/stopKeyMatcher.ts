import { splitChord } from "../../actions/keyNames.js";
import type { RawEvent } from "./RawEvent.js";
import { keyInfo, knownKeyName } from "./keycodeNames.js";
import { UsageError } from "../../errors/UsageError.js";

/** The default stop key: on most keyboards, bound to nothing, and seen by libuiohook on X11 (Pause is not, from XTEST). */
export const DEFAULT_STOP_KEY = "scrolllock";

const MODS: Record<string, "ctrl" | "alt" | "shift" | "meta"> = { ctrl: "ctrl", control: "ctrl", alt: "alt", shift: "shift", super: "meta", meta: "meta", win: "meta", cmd: "meta" };

/** A test for the stop key or chord (e.g. "scrolllock", "ctrl+alt+q"): its key press, with exactly its modifiers. */
export function stopKeyMatcher(chord: string): (e: RawEvent) => boolean {
  const parts = splitChord([chord]).map((p) => p.toLowerCase());
  const key = parts.at(-1)!;
  const mods = new Set(parts.slice(0, -1).map((m) => MODS[m] ?? m));
  if (!knownKeyName(key) || [...mods].some((m) => !["ctrl", "alt", "shift", "meta"].includes(m))) {
    throw new UsageError(`--stop-key "${chord}" is not a key the recorder can see; use e.g. scrolllock, f9 or ctrl+alt+q`);
  }
  return (e) =>
    (e.type === "keydown" || e.type === "keyup") &&
    keyInfo(e.keycode)?.name === key &&
    e.ctrl === mods.has("ctrl") && e.alt === mods.has("alt") && e.meta === mods.has("meta") && (e.shift === mods.has("shift") || !mods.has("shift"));
}
