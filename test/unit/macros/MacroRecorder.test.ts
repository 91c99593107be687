import { test } from "node:test";
import assert from "node:assert/strict";
import { MacroRecorder } from "../../../agent/macros/recorder/MacroRecorder.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";

const display = { id: "0", name: "fake", x: 0, y: 0, width: 640, height: 480, scaleFactor: 1, primary: true };

for (const [name, value, reason] of [
  ["no DISPLAY", undefined, /DISPLAY environment variable is not set/],
  ["a DISPLAY nobody answers", ":987", /display server did not answer/],
] as const) {
  test(`with ${name}, the recorder fails with a reason instead of hanging or taking DeskPilot down`, { timeout: 20_000 }, async () => {
    const saved = process.env["DISPLAY"];
    if (value === undefined) delete process.env["DISPLAY"];
    else process.env["DISPLAY"] = value;
    try {
      await assert.rejects(MacroRecorder.start({ screen: new FakeScreenSource([display]), displays: [display] }), (e: Error & { code?: string }) => {
        assert.equal(e.code, "RECORDER_FAILED");
        assert.match(e.message, reason);
        assert.match(e.message, /RECORD extension/);
        return true;
      });
    } finally {
      if (saved !== undefined) process.env["DISPLAY"] = saved;
      else delete process.env["DISPLAY"];
    }
  });
}
