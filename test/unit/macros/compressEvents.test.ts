import { test } from "node:test";
import assert from "node:assert/strict";
import { compressEvents, type LogicalEvent } from "../../../agent/macros/recorder/compressEvents.js";
import { keyInfo } from "../../../agent/platform/keycodeNames.js";
import { MacroStepSchema } from "../../../agent/macros/MacroSchema.js";
import { keyEnumName, splitChord } from "../../../agent/actions/keyNames.js";

let t = 0;
const down = (x: number, y: number, button = 1, shot?: number): LogicalEvent => ({
  type: "down",
  time: (t += 50),
  x,
  y,
  button,
  clicks: 1,
  ...(shot !== undefined ? { shot } : {}),
});
const up = (x: number, y: number, button = 1): LogicalEvent => ({ type: "up", time: (t += 50), x, y, button, clicks: 1 });
const mods = { shift: false, ctrl: false, alt: false, meta: false };
const key = (keycode: number, m: Partial<typeof mods> = {}): LogicalEvent[] => [
  { type: "keydown", time: (t += 30), keycode, ...mods, ...m },
  { type: "keyup", time: (t += 30), keycode, ...mods, ...m },
];
const K = { h: 35, i: 23, a: 30, one: 2, space: 57, backspace: 14, enter: 28, tab: 15, shift: 42, ctrl: 29 };
const strip = (steps: ReturnType<typeof compressEvents>) => steps.map(({ time: _, end: _end, ...s }) => s);

test("press+release is a click; two quick ones in place a double click; a moved press a drag", () => {
  t = 0;
  const steps = strip(
    compressEvents([
      down(100, 100, 1, 0),
      up(101, 100),
      down(300, 200, 1, 1),
      up(300, 200),
      down(300, 201, 1, 2),
      up(300, 201),
      down(500, 500, 3, 3),
      up(500, 500, 3),
      down(10, 10, 1, 4),
      up(200, 150),
      down(40, 40, 2, 5),
      up(40, 40, 2),
    ]),
  );
  assert.deepEqual(steps, [
    { kind: "click", button: "left", count: 1, at: { x: 100, y: 100 }, shot: 0 },
    { kind: "click", button: "left", count: 2, at: { x: 300, y: 200 }, shot: 1 },
    { kind: "click", button: "middle", count: 1, at: { x: 500, y: 500 }, shot: 3 },
    { kind: "drag", at: { x: 10, y: 10 }, to: { x: 200, y: 150 }, shot: 4 },
    { kind: "click", button: "right", count: 1, at: { x: 40, y: 40 }, shot: 5 },
  ]);
});

test("keystrokes merge into text, Shift makes capitals and symbols, Backspace corrects; chords and special keys stay keys", () => {
  t = 0;
  const events = [
    ...key(K.h, { shift: true }),
    ...key(K.i),
    ...key(K.one, { shift: true }),
    ...key(K.space),
    ...key(K.a),
    ...key(K.a),
    ...key(K.backspace),
    { type: "keydown", time: (t += 10), keycode: K.shift, ...mods, shift: true } as LogicalEvent,
    ...key(K.enter),
    ...key(K.a, { ctrl: true }),
    ...key(K.backspace),
    ...key(K.tab, { shift: true }),
  ];
  assert.deepEqual(strip(compressEvents(events)), [
    { kind: "type", text: "Hi! a" },
    { kind: "key", keys: ["enter"] },
    { kind: "key", keys: ["ctrl", "a"] },
    { kind: "key", keys: ["backspace"] },
    { kind: "key", keys: ["shift", "tab"] },
  ]);
});

test("wheel notches at one place merge into one scroll; positive pixels scroll up", () => {
  t = 0;
  const wheel = (rotation: number, x = 400): LogicalEvent => ({ type: "wheel", time: (t += 40), x, y: 300, rotation, amount: 3, direction: 3 });
  assert.deepEqual(strip(compressEvents([wheel(1), wheel(1), wheel(1), wheel(-1, 900)])), [
    { kind: "scroll", at: { x: 400, y: 300 }, pixels: -300 },
    { kind: "scroll", at: { x: 900, y: 300 }, pixels: 100 },
  ]);
});

test("a click ends the text typed before it", () => {
  t = 0;
  assert.deepEqual(
    strip(compressEvents([...key(K.a), down(5, 5), up(5, 5), ...key(K.i)])).map((s) => s.kind),
    ["type", "click", "type"],
  );
});

test("every key the recorder names replays: the menu key (no X11 code in the input driver) becomes Shift+F10", () => {
  t = 0;
  const menu = 3677;
  assert.deepEqual(strip(compressEvents([...key(menu), ...key(menu, { ctrl: true }), ...key(menu, { shift: true })])), [
    { kind: "key", keys: ["shift", "f10"] },
    { kind: "key", keys: ["ctrl", "shift", "f10"] },
    { kind: "key", keys: ["shift", "f10"] },
  ]);
  // Whatever key code the hook reports, a key step the recorder writes validates as a macro step and names keys the driver knows.
  for (let code = 0; code < 65536; code++) {
    if (!keyInfo(code)) continue;
    for (const step of strip(compressEvents([...key(code, { ctrl: true })]))) {
      assert.equal(step.kind, "key");
      const parsed = MacroStepSchema.safeParse(step);
      assert.ok(parsed.success, `key code ${code}: ${JSON.stringify(step)} ${parsed.error?.message ?? ""}`);
      if (step.kind === "key") for (const k of splitChord(step.keys)) assert.ok(keyEnumName(k), `key code ${code}: ${k}`);
    }
  }
});
