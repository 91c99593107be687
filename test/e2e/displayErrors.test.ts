import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { deskpilot, deskpilotJson } from "../support/cli.js";
import { startXorgDummy, x, type XServer } from "./support/xserver.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { NutScreenSource } from "../../agent/capture/NutScreenSource.js";
import type { Display } from "../../agent/geometry/Display.js";
import { DeskPilotError } from "../../agent/errors/DeskPilotError.js";

describe("a display that is not there", () => {
  test("DISPLAY naming a server that does not exist: clear error, exit 1, no crash", async () => {
    let n = 4242;
    while (existsSync(`/tmp/.X11-unix/X${n}`)) n++;
    const env = { ...process.env, DISPLAY: `:${n}` };
    const capture = await deskpilot(["capture", "--out", "/tmp/never.png"], env);
    assert.equal(capture.signal, null);
    assert.equal(capture.code, 1);
    assert.match(capture.stderr, /No display is available: the display server did not answer/);
    const act = await deskpilot(["act", '{"action":"left_click","coordinate":[10,10]}'], env);
    assert.equal(act.signal, null);
    assert.equal(act.code, 1);
    assert.match(act.stderr, /No display is available/);
  });
});

const missing =
  missingBinaries("Xorg", "openbox", "xrandr") ??
  (existsSync("/usr/lib/xorg/modules/drivers/dummy_drv.so") ? undefined : "xserver-xorg-video-dummy not installed") ??
  (process.getuid?.() === 0 ? undefined : "Xorg with the dummy driver needs root");

describe("a monitor unplugged after it was listed", { skip: skipUnlessAvailable(missing) }, () => {
  let server: XServer;
  let second: Display;
  const savedDisplay = process.env["DISPLAY"];

  before(async () => {
    server = await startXorgDummy([
      { width: 1024, height: 768 },
      { width: 800, height: 600 },
    ]);
    const { displays } = await deskpilotJson<{ displays: Display[] }>(["capture", "--list"], server.env);
    assert.equal(displays.length, 2);
    second = displays.find((d) => d.x === 1024)!;
    assert.ok(second, "second monitor at x=1024");
    await x(server.display, "xrandr", ["--output", "DUMMY1", "--off"]);
  });

  after(async () => {
    if (savedDisplay === undefined) delete process.env["DISPLAY"];
    else process.env["DISPLAY"] = savedDisplay;
    await server?.stop();
  });

  test("capturing it in-process reports DISPLAY_VANISHED instead of reading off-screen", async () => {
    process.env["DISPLAY"] = server.display;
    await assert.rejects(new NutScreenSource().captureDisplay(second), (error: unknown) => {
      assert.ok(error instanceof DeskPilotError);
      assert.equal(error.code, "DISPLAY_VANISHED");
      assert.match(error.message, new RegExp(`Display ${second.id} has gone away`));
      return true;
    });
  });

  test("the CLI names the displays that are left; a point on the gone monitor is refused", async () => {
    const capture = await deskpilot(["capture", "--display", second.id, "--out", "/tmp/never.png"], server.env);
    assert.equal(capture.code, 1);
    assert.match(capture.stderr, new RegExp(`no display with id ${second.id}.*DUMMY0`));
    const act = await deskpilot(["act", JSON.stringify({ action: "left_click", coordinate: [second.x + 10, 10] })], server.env);
    assert.equal(act.code, 1);
    assert.match(act.stderr, /outside every display/);
  });
});
