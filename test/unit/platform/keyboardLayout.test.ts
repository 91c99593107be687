import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compressEvents, type LogicalEvent } from "../../../agent/macros/recorder/compressEvents.js";
import { keysymTyped, parseXmodmap, usLayout } from "../../../agent/platform/keyboardLayout.js";
import { repoRoot } from "../../support/repoRoot.js";

// Real `xmodmap -pke` output of an X server with the German layout.
const de = parseXmodmap(readFileSync(join(repoRoot, "test", "unit", "macros", "fixtures", "xmodmap-de.txt"), "utf8"));

/** uiohook codes of physical keys (a US keyboard's labels): X keycode less 8. */
const KEY = {
  q: 16,
  e: 18,
  r: 19,
  y: 21,
  x: 45,
  g: 34,
  lbracket: 26,
  minus: 12,
  equals: 13,
  backquote: 41,
  z: 44,
  space: 57,
  altLeft: 56,
  altRight: 3640,
  shift: 42,
};
let t = 0;
const mods = { shift: false, ctrl: false, alt: false, meta: false };
const press = (keycode: number, m: Partial<typeof mods> = {}): LogicalEvent[] => [
  { type: "keydown", time: (t += 20), keycode, ...mods, ...m },
  { type: "keyup", time: (t += 20), keycode, ...mods, ...m },
];
/** AltGr held around `inner` (libuiohook reports it as right Alt and sets the alt flag while it is down). */
const withAltGr = (...inner: LogicalEvent[][]): LogicalEvent[] => [
  { type: "keydown", time: (t += 20), keycode: KEY.altRight, ...mods, alt: true },
  ...inner.flat(),
  { type: "keyup", time: (t += 20), keycode: KEY.altRight, ...mods, alt: true },
];
const steps = (events: LogicalEvent[], layout = de) => compressEvents(events, layout).map(({ time: _, end: _end, ...s }) => s);

test("on a German layout the keys type German text: Grüße zy, not the US reading Gr[-e yz", () => {
  const keys = [
    press(KEY.g, { shift: true }),
    press(KEY.r),
    press(KEY.lbracket),
    press(KEY.minus),
    press(KEY.e),
    press(KEY.space),
    press(KEY.y),
    press(KEY.z),
  ].flat();
  assert.deepEqual(steps(keys), [{ kind: "type", text: "Grüße zy" }]);
  assert.deepEqual(steps(keys, usLayout), [{ kind: "type", text: "Gr[-e yz" }]);
});

test("AltGr types the third and fourth levels (AltGr+Q is @, AltGr+E €); left Alt stays a chord", () => {
  assert.deepEqual(steps(withAltGr(press(KEY.q, { alt: true }), press(KEY.e, { alt: true }))), [{ kind: "type", text: "@€" }]);
  assert.deepEqual(steps(press(KEY.q, { alt: true })), [{ kind: "key", keys: ["alt", "q"] }]);
  // A layout with no third level (US): right Alt is Alt.
  assert.deepEqual(steps(withAltGr(press(KEY.q, { alt: true })), usLayout), [{ kind: "key", keys: ["alt", "q"] }]);
});

test("dead keys combine with the next key: ´ e is é, ^ then space is ^, ´ x (no such letter) is ´x", () => {
  assert.deepEqual(steps([...press(KEY.equals), ...press(KEY.e), ...press(KEY.backquote), ...press(KEY.space), ...press(KEY.equals), ...press(KEY.x)]), [
    { kind: "type", text: "é^´x" },
  ]);
  assert.deepEqual(steps([...press(KEY.equals, { shift: true }), ...press(KEY.e, { shift: true })]), [{ kind: "type", text: "È" }]);
});

test("a chord names a letter key by what it types: Ctrl and the key labelled Z on a German keyboard is ctrl+z", () => {
  assert.deepEqual(steps(press(KEY.y, { ctrl: true })), [{ kind: "key", keys: ["ctrl", "z"] }]);
  assert.deepEqual(steps(press(KEY.y, { ctrl: true }), usLayout), [{ kind: "key", keys: ["ctrl", "y"] }]);
});

test("keysym names: Latin-1 by name, Unicode by code, dead keys as marks; others unknown", () => {
  const chars = ["asciitilde", "at", "nobreakspace", "section", "Odiaeresis", "ssharp", "division", "ydiaeresis", "EuroSign", "U1E9E", "guillemotright"].map(
    (n) => {
      const typed = keysymTyped(n);
      return typed && "char" in typed ? typed.char : undefined;
    },
  );
  assert.deepEqual(chars, ["~", "@", "\u00a0", "§", "Ö", "ß", "÷", "ÿ", "€", "ẞ", "»"]);
  assert.deepEqual(keysymTyped("dead_acute"), { dead: "\u0301" });
  assert.equal(keysymTyped("Greek_OMEGA"), undefined);
  assert.equal(keysymTyped("F1"), undefined);
  assert.equal(keysymTyped("U0007"), undefined, "a control character types nothing");
});

test("a key whose symbols this cannot read types its US character, and nothing at the AltGr levels", () => {
  const cyrillic = parseXmodmap("keycode  38 = Cyrillic_ef Cyrillic_EF Cyrillic_ef Cyrillic_EF\n");
  assert.deepEqual(cyrillic.typed(30, 0), { char: "a" });
  assert.deepEqual(cyrillic.typed(30, 1), { char: "A" });
  assert.equal(cyrillic.typed(30, 2), undefined);
});
