import { test } from "node:test";
import assert from "node:assert/strict";
import { StopHotkey } from "../../../agent/inputHook/StopHotkey.js";

// The stop key and the recorder share one hook process wrapper (GlobalInputHook): without a
// usable display the stop key, too, fails with the display's reason instead of hanging until its
// timeout, and nothing of DeskPilot goes down with libuiohook.
for (const [name, value, reason] of [
  ["no DISPLAY", undefined, /DISPLAY environment variable is not set/],
  ["a DISPLAY nobody answers", ":987", /display server did not answer/],
] as const) {
  test(`with ${name}, the stop key fails with the display's reason`, { timeout: 20_000 }, async () => {
    const saved = process.env["DISPLAY"];
    if (value === undefined) delete process.env["DISPLAY"];
    else process.env["DISPLAY"] = value;
    try {
      await assert.rejects(
        StopHotkey.start(() => assert.fail("no stop without a hook"), "Ctrl+Shift+F9", 15_000),
        reason,
      );
    } finally {
      if (saved !== undefined) process.env["DISPLAY"] = saved;
      else delete process.env["DISPLAY"];
    }
  });
}

test("a key the hook cannot see is refused before any process starts", async () => {
  await assert.rejects(
    StopHotkey.start(() => undefined, "frobnicate"),
    { code: "BAD_USAGE" },
  );
});
