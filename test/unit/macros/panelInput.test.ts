import { test } from "node:test";
import assert from "node:assert/strict";
import { compressEvents, type LogicalEvent } from "../../../agent/macros/recorder/compressEvents.js";
import { dropPanelInput, type PanelInputEvent } from "../../../agent/macros/recorder/panelInput.js";

type Recorded = LogicalEvent & { receivedAt?: number };
const T0 = 1_790_000_000_000;
const mods = { shift: false, ctrl: false, alt: false, meta: false };
const click = (at: number, x: number, y: number): Recorded[] => [
  { type: "down", time: 0, x, y, button: 1, clicks: 1, receivedAt: T0 + at },
  { type: "up", time: 0, x, y, button: 1, clicks: 1, receivedAt: T0 + at + 60 },
];
const key = (at: number, keycode: number): Recorded[] => [
  { type: "keydown", time: 0, keycode, ...mods, receivedAt: T0 + at },
  { type: "keyup", time: 0, keycode, ...mods, receivedAt: T0 + at + 30 },
];
/** What the panel's page saw of the same input, `skew` ms off the hook's clock. */
const seen = (events: readonly Recorded[], skew: number): PanelInputEvent[] => events.map((e) => ({ type: e.type, at: e.receivedAt! + skew }));
const K = { h: 35, i: 23, d: 32, o: 24, n: 49, e: 18, enter: 28 };

test("clicks and keys the panel's page also received are dropped; the desktop's stay", () => {
  const desktop = [...click(0, 300, 200), ...key(400, K.h), ...key(480, K.i)];
  const nameField = click(2000, 900, 300);
  const typedName = [...key(2400, K.d), ...key(2440, K.o), ...key(2480, K.n), ...key(2520, K.e)];
  const stopButton = click(3000, 950, 360);
  const recorded = [...desktop, ...nameField, ...typedName, ...stopButton];
  const panel = [...seen(nameField, 12), ...seen(typedName, -8), ...seen(stopButton, 20)];
  const kept = dropPanelInput(recorded, panel);
  assert.deepEqual(kept, desktop);
  assert.deepEqual(
    compressEvents(kept).map(({ time: _, end: _end, ...s }) => s),
    [
      { kind: "click", button: "left", count: 1, at: { x: 300, y: 200 } },
      { kind: "type", text: "hi" },
    ],
  );
});

test("each page event drops one recorded event of its type: typing into the page and then elsewhere keeps the second part", () => {
  const inPanel = [...key(0, K.d), ...key(30, K.o)];
  const elsewhere = [...key(700, K.h), ...key(730, K.i)];
  assert.deepEqual(dropPanelInput([...inPanel, ...elsewhere], seen(inPanel, 5)), elsewhere);
});

test("page events that the hook never saw (a panel on another device) drop nothing outside the tolerance", () => {
  const desktop = [...click(0, 300, 200), ...key(1000, K.h)];
  const remote: PanelInputEvent[] = [
    { type: "down", at: T0 + 500 },
    { type: "keydown", at: T0 + 1600 },
    { type: "up", at: T0 - 400 },
  ];
  assert.deepEqual(dropPanelInput(desktop, remote), desktop);
});

test("a type never matches another type, and events with no receipt time are kept", () => {
  const recorded: Recorded[] = [...click(0, 10, 10), { type: "keydown", time: 0, keycode: K.enter, ...mods }];
  assert.deepEqual(
    dropPanelInput(recorded, [
      { type: "keydown", at: T0 },
      { type: "wheel", at: T0 },
    ]),
    recorded,
  );
  assert.deepEqual(dropPanelInput(recorded, []), recorded);
});
