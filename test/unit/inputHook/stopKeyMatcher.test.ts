import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_STOP_KEY, stopKeyMatcher } from "../../../agent/inputHook/stopKeyMatcher.js";
import type { RawEvent } from "../../../agent/inputHook/RawEvent.js";

const key = (keycode: number, m: { ctrl?: boolean; alt?: boolean; shift?: boolean; meta?: boolean } = {}): RawEvent => ({
  type: "keydown",
  time: 0,
  keycode,
  ctrl: m.ctrl ?? false,
  alt: m.alt ?? false,
  shift: m.shift ?? false,
  meta: m.meta ?? false,
});

test("the stop key matches its key with exactly its modifiers; unknown keys are a usage error", () => {
  const scroll = stopKeyMatcher("scrolllock");
  assert.equal(scroll(key(70)), true);
  assert.equal(scroll(key(70, { ctrl: true })), false);
  const chord = stopKeyMatcher("ctrl+alt+q");
  assert.equal(chord(key(16, { ctrl: true, alt: true })), true);
  assert.equal(chord(key(16, { ctrl: true })), false);
  assert.equal(chord(key(17, { ctrl: true, alt: true })), false);
  assert.throws(() => stopKeyMatcher("hyper+q"), { code: "BAD_USAGE" });
  assert.throws(() => stopKeyMatcher("frobnicate"), { code: "BAD_USAGE", message: /not a key the input hook can see; use e\.g\. Ctrl\+Shift\+F9/ });
});

test("the default stop key, as the settings spell it (Ctrl+Shift+F9), is F9 with Ctrl and Shift; the settings' other spellings match too", () => {
  const stop = stopKeyMatcher(DEFAULT_STOP_KEY);
  assert.equal(DEFAULT_STOP_KEY, "Ctrl+Shift+F9");
  assert.equal(stop(key(67, { ctrl: true, shift: true })), true);
  assert.equal(stop(key(67, { ctrl: true })), false, "Shift is part of it");
  assert.equal(stop(key(67, { ctrl: true, shift: true, alt: true })), false);
  assert.equal(stop(key(67)), false, "F9 alone is the apps' own key");
  assert.equal(stopKeyMatcher("Cmd+Shift+Esc")(key(1, { meta: true, shift: true })), true);
  assert.equal(stopKeyMatcher("Scroll_Lock")(key(70)), true);
});
