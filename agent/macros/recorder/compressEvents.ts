import type { Point } from "../../geometry/Display.js";
import type { RawEvent } from "../../inputHook/RawEvent.js";
import { isModifier, keyInfo } from "../../platform/keycodeNames.js";
import { applyDeadKey, usLayout, type KeyboardLayout } from "../../platform/keyboardLayout.js";
import { PIXELS_PER_NOTCH } from "../../actions/executeAction.js";

/**
 * A raw event whose pointer coordinates are global logical px, with the index of the crop taken
 * around its point and when the hook reported it (wall-clock ms, to match the panel's own input).
 */
export type LogicalEvent = RawEvent & { readonly shot?: number; readonly receivedAt?: number };

/**
 * A semantic step before its targets are built: points are global logical px, `shot`s index the
 * crops around them; `time` and `end` are the hook's times (ms) of its first and last event
 * (a step made from an agent run has no `end`: the time between its steps was the model's).
 */
export type DraftStep = (
  | { kind: "click"; button: "left" | "right" | "middle"; count: 1 | 2 | 3; at: Point; shot?: number }
  | { kind: "drag"; at: Point; to: Point; shot?: number; toShot?: number }
  | { kind: "scroll"; at: Point; pixels: number; axis?: "horizontal"; shot?: number }
  | { kind: "type"; text: string }
  | { kind: "key"; keys: string[] }
) & { time: number; end?: number };

/** A press and release further apart than this (logical px) is a drag. */
export const DRAG_PX = 8;
const DOUBLE_MS = 500;
const DOUBLE_PX = 4;
/** Wheel notches this close in time and place are one scroll. */
const SCROLL_MERGE_MS = 1000;
const SCROLL_MERGE_PX = 24;
const BUTTONS = { 1: "left", 2: "right", 3: "middle" } as const;
/** The right Alt key: AltGr, on the layouts that have a third level. */
const ALT_RIGHT = 3640;

/**
 * Compresses raw input into semantic steps: press+release → click (two quick ones → double
 * click) or drag; wheel notches → one scroll; printable keys → typed text with Backspace
 * corrections applied; keys with ctrl/alt/super, and non-printing keys → key chords. What a key
 * types is the `layout`'s: the hook reports where a key is, not what it types.
 */
export function compressEvents(events: readonly LogicalEvent[], layout: KeyboardLayout = usLayout): DraftStep[] {
  const steps: DraftStep[] = [];
  const pressed = new Map<number, Extract<LogicalEvent, { type: "down" | "up" }>>();
  let text: string[] = [];
  let textTime = 0;
  let textEnd = 0;
  let altGrHeld = false;
  let dead: string | undefined;
  const flush = () => {
    if (text.length > 0) steps.push({ kind: "type", text: text.join(""), time: textTime, end: textEnd });
    text = [];
  };
  for (const e of events) {
    switch (e.type) {
      case "down":
        flush();
        pressed.set(e.button, e);
        break;
      case "up": {
        const down = pressed.get(e.button);
        const button = BUTTONS[e.button as 1 | 2 | 3];
        if (!down || !button) break;
        pressed.delete(e.button);
        const at = { x: down.x, y: down.y };
        const shot = down.shot !== undefined ? { shot: down.shot } : {};
        if (button === "left" && Math.hypot(e.x - down.x, e.y - down.y) > DRAG_PX) {
          steps.push({ kind: "drag", at, to: { x: e.x, y: e.y }, ...shot, ...(e.shot !== undefined ? { toShot: e.shot } : {}), time: down.time, end: e.time });
          break;
        }
        const last = steps.at(-1);
        if (
          last?.kind === "click" &&
          last.button === button &&
          last.count === 1 &&
          down.time - last.time <= DOUBLE_MS &&
          Math.hypot(last.at.x - at.x, last.at.y - at.y) <= DOUBLE_PX
        ) {
          last.count = 2;
          last.end = e.time;
        } else steps.push({ kind: "click", button, count: 1, at, ...shot, time: down.time, end: e.time });
        break;
      }
      case "wheel": {
        if (e.direction !== 3 || e.rotation === 0) break; // vertical only
        flush();
        // libuiohook: positive rotation scrolls down; the action schema's positive pixels scroll up.
        const pixels = -e.rotation * PIXELS_PER_NOTCH;
        const last = steps.at(-1);
        if (last?.kind === "scroll" && e.time - (last.end ?? last.time) <= SCROLL_MERGE_MS && Math.hypot(last.at.x - e.x, last.at.y - e.y) <= SCROLL_MERGE_PX) {
          last.pixels += pixels;
          last.end = e.time;
        } else steps.push({ kind: "scroll", at: { x: e.x, y: e.y }, pixels, ...(e.shot !== undefined ? { shot: e.shot } : {}), time: e.time, end: e.time });
        break;
      }
      case "keydown": {
        if (e.keycode === ALT_RIGHT) altGrHeld = true;
        const info = keyInfo(e.keycode);
        if (!info || isModifier(info.name)) break;
        // Right Alt is AltGr where the layout gives this key a third level; else it is Alt.
        const altGr = altGrHeld && !e.ctrl && !e.meta ? layout.typed(e.keycode, e.shift ? 3 : 2) : undefined;
        const typed = altGr ?? layout.typed(e.keycode, e.shift ? 1 : 0);
        const chord = [...(e.ctrl ? ["ctrl"] : []), ...(e.alt && !altGr ? ["alt"] : []), ...(e.meta ? ["super"] : [])];
        if (chord.length === 0 && typed) {
          if ("dead" in typed) {
            dead = typed.dead;
            break;
          }
          if (text.length === 0) textTime = e.time;
          textEnd = e.time;
          text.push(dead ? applyDeadKey(dead, typed.char) : typed.char);
          dead = undefined;
        } else if (chord.length === 0 && info.name === "backspace" && text.length > 0) {
          text.pop();
          textEnd = e.time;
        } else {
          flush();
          dead = undefined;
          // A chord names the key by what it types where that is a letter or digit (Ctrl+Z is Ctrl+Z on any layout).
          const plain = layout.typed(e.keycode, 0);
          const name = plain && "char" in plain && /^[a-z0-9]$/.test(plain.char) ? plain.char : info.name;
          const keys = [...chord, ...(e.shift ? ["shift"] : []), ...(info.replayAs ?? [name])];
          steps.push({ kind: "key", keys: [...new Set(keys)], time: e.time, end: e.time });
        }
        break;
      }
      case "keyup":
        if (e.keycode === ALT_RIGHT) altGrHeld = false;
        break;
    }
  }
  flush();
  return steps;
}
