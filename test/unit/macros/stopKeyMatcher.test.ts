import { test } from "node:test";
import assert from "node:assert/strict";
import { stopKeyMatcher } from "../../../agent/macros/recorder/stopKeyMatcher.js";
import type { RawEvent } from "../../../agent/macros/recorder/RawEvent.js";

const key = (keycode: number, m: { ctrl?: boolean; alt?: boolean; shift?: boolean; meta?: boolean } = {}): RawEvent => ({
  type: "keydown", time: 0, keycode, ctrl: m.ctrl ?? false, alt: m.alt ?? false, shift: m.shift ?? false, meta: m.meta ?? false,
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
  assert.throws(() => stopKeyMatcher("frobnicate"), { code: "BAD_USAGE", message: /not a key the recorder can see/ });
});
