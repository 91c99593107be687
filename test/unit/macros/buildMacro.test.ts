import { test } from "node:test";
import assert from "node:assert/strict";
import { compressEvents, type LogicalEvent } from "../../../agent/macros/recorder/compressEvents.js";
import { buildMacro } from "../../../agent/macros/recorder/buildMacro.js";

const display = { id: "0", name: "fake", x: 0, y: 0, width: 1280, height: 800, scaleFactor: 1, primary: true };
const mods = { shift: false, ctrl: false, alt: false, meta: false };
const press = (time: number, x: number, y: number): LogicalEvent[] => [
  { type: "down", time, x, y, button: 1, clicks: 1 },
  { type: "up", time: time + 80, x, y, button: 1, clicks: 1 },
];
const keystroke = (time: number, keycode: number): LogicalEvent[] => [
  { type: "keydown", time, keycode, ...mods },
  { type: "keyup", time: time + 40, keycode, ...mods },
];

test("a recording keeps the user's real pauses: each step waits as long as the user did after the previous one ended", async () => {
  // Click at 1000 (released 1080); "hi" typed at 1900 and 2050; 2 s later a click; Enter 300 ms after its release.
  const events = [...press(1000, 300, 200), ...keystroke(1900, 35), ...keystroke(2050, 23), ...press(4050, 500, 400), ...keystroke(4430, 28)];
  const macro = await buildMacro("paced", compressEvents(events), [], [display]);
  assert.deepEqual(
    macro.steps.map((s) => [s.kind, s.waitBeforeMs]),
    [
      ["click", 0],
      ["type", 820],
      ["click", 2000],
      ["key", 300],
    ],
  );
});

test("a pause longer than a macro may wait is kept at the limit, so the file still loads", async () => {
  const events = [...press(0, 300, 200), ...press(2_000_000, 300, 200)];
  const macro = await buildMacro("long", compressEvents(events), [], [display]);
  assert.deepEqual(
    macro.steps.map((s) => s.waitBeforeMs),
    [0, 600_000],
  );
});
