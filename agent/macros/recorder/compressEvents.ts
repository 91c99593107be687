import type { Point } from "../../capture/Display.js";
import type { RawEvent } from "./RawEvent.js";
import { isModifier, keyInfo } from "./keycodeNames.js";
import { PIXELS_PER_NOTCH } from "../../actions/executeAction.js";

/**
 * A raw event whose pointer coordinates are global logical px, with the index of the crop taken
 * around its point and when the recorder got it (wall-clock ms, to match the panel's own input).
 */
export type LogicalEvent = RawEvent & { readonly shot?: number; readonly receivedAt?: number };

/** A semantic step before its targets are built: points are global logical px, `shot`s index the crops around them. */
export type DraftStep =
  | { kind: "click"; button: "left" | "right" | "middle"; count: 1 | 2; at: Point; shot?: number; time: number }
  | { kind: "drag"; at: Point; to: Point; shot?: number; toShot?: number; time: number }
  | { kind: "scroll"; at: Point; pixels: number; shot?: number; time: number }
  | { kind: "type"; text: string; time: number }
  | { kind: "key"; keys: string[]; time: number };

/** A press and release further apart than this (logical px) is a drag. */
const DRAG_PX = 8;
const DOUBLE_MS = 500;
const DOUBLE_PX = 4;
/** Wheel notches this close in time and place are one scroll. */
const SCROLL_MERGE_MS = 1000;
const SCROLL_MERGE_PX = 24;
const BUTTONS = { 1: "left", 2: "right", 3: "middle" } as const;

/**
 * Compresses raw input into semantic steps: press+release → click (two quick ones → double
 * click) or drag; wheel notches → one scroll; printable keys → typed text with Backspace
 * corrections applied; keys with ctrl/alt/super, and non-printing keys → key chords.
 */
export function compressEvents(events: readonly LogicalEvent[]): DraftStep[] {
  const steps: DraftStep[] = [];
  const pressed = new Map<number, Extract<LogicalEvent, { type: "down" | "up" }>>();
  let text: string[] = [];
  let textTime = 0;
  const flush = () => {
    if (text.length > 0) steps.push({ kind: "type", text: text.join(""), time: textTime });
    text = [];
  };
  for (const e of events) {
    switch (e.type) {
      case "down":
        flush();
        pressed.set(e.button, e as Extract<LogicalEvent, { type: "down" | "up" }>);
        break;
      case "up": {
        const down = pressed.get(e.button);
        const button = BUTTONS[e.button as 1 | 2 | 3];
        if (!down || !button) break;
        pressed.delete(e.button);
        const at = { x: down.x, y: down.y };
        const shot = down.shot !== undefined ? { shot: down.shot } : {};
        if (button === "left" && Math.hypot(e.x - down.x, e.y - down.y) > DRAG_PX) {
          steps.push({ kind: "drag", at, to: { x: e.x, y: e.y }, ...shot, ...(e.shot !== undefined ? { toShot: e.shot } : {}), time: down.time });
          break;
        }
        const last = steps.at(-1);
        if (last?.kind === "click" && last.button === button && last.count === 1 && down.time - last.time <= DOUBLE_MS && Math.hypot(last.at.x - at.x, last.at.y - at.y) <= DOUBLE_PX) {
          last.count = 2;
        } else steps.push({ kind: "click", button, count: 1, at, ...shot, time: down.time });
        break;
      }
      case "wheel": {
        if (e.direction !== 3 || e.rotation === 0) break; // vertical only
        flush();
        // libuiohook: positive rotation scrolls down; the action schema's positive pixels scroll up.
        const pixels = -e.rotation * PIXELS_PER_NOTCH;
        const last = steps.at(-1);
        if (last?.kind === "scroll" && e.time - last.time <= SCROLL_MERGE_MS && Math.hypot(last.at.x - e.x, last.at.y - e.y) <= SCROLL_MERGE_PX) {
          last.pixels += pixels;
          last.time = e.time;
        } else steps.push({ kind: "scroll", at: { x: e.x, y: e.y }, pixels, ...(e.shot !== undefined ? { shot: e.shot } : {}), time: e.time });
        break;
      }
      case "keydown": {
        const info = keyInfo(e.keycode);
        if (!info || isModifier(info.name)) break;
        const chord = [...(e.ctrl ? ["ctrl"] : []), ...(e.alt ? ["alt"] : []), ...(e.meta ? ["super"] : [])];
        if (chord.length === 0 && info.char !== undefined) {
          if (text.length === 0) textTime = e.time;
          text.push(e.shift ? info.shifted! : info.char);
        } else if (chord.length === 0 && info.name === "backspace" && text.length > 0) {
          text.pop();
        } else {
          flush();
          const keys = [...chord, ...(e.shift ? ["shift"] : []), ...(info.replayAs ?? [info.name])];
          steps.push({ kind: "key", keys: [...new Set(keys)], time: e.time });
        }
        break;
      }
      case "keyup":
        break;
    }
  }
  flush();
  return steps;
}
