import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startXvfb, x, type XServer } from "./support/xserver.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { loadCaptureAddon } from "../../native/loadCaptureAddon.js";
import { X11ShmScreenSource } from "../../agent/capture/X11ShmScreenSource.js";
import { NodeScreenshotsSource } from "../../agent/capture/NodeScreenshotsSource.js";
import { createScreenSource } from "../../agent/capture/screenSources.js";

const addon = loadCaptureAddon();
const missing = missingBinaries("Xvfb", "openbox", "xsetroot") ?? (typeof addon === "string" ? addon : undefined);

describe("X11 shared-memory capture", { skip: skipUnlessAvailable(missing) }, () => {
  let server: XServer;
  const savedDisplay = process.env["DISPLAY"];

  before(async () => {
    server = await startXvfb({ width: 640, height: 480 });
    await x(server.display, "xsetroot", ["-solid", "#3a6ea5"]);
    process.env["DISPLAY"] = server.display;
  });

  after(async () => {
    if (savedDisplay === undefined) delete process.env["DISPLAY"];
    else process.env["DISPLAY"] = savedDisplay;
    await server?.stop();
  });

  // compared with node-screenshots (XCB): nut-js's Xlib connection ends the process with exit code 1
  // when its server is gone at exit, which the after() hook makes happen
  test("is the default source on Linux, and captures the same pixels as node-screenshots, as opaque RGBA", async () => {
    const source = createScreenSource();
    assert.ok(source instanceof X11ShmScreenSource);
    const shm = await source.capture();
    assert.equal(shm.source, "x11-shm");
    assert.equal(source.fallback, undefined);
    const other = await new NodeScreenshotsSource().capture();
    assert.deepEqual([shm.width, shm.height], [640, 480]);
    assert.ok(shm.data.equals(other.data), "byte for byte what node-screenshots read");
    const at = (320 * 640 + 100) * 4;
    assert.deepEqual([...shm.data.subarray(at, at + 4)], [0x3a, 0x6e, 0xa5, 255]);
  });

  test("a region off the screen is refused with X_ERROR, and the connection serves the next capture", () => {
    const native = addon as Exclude<typeof addon, string>;
    assert.throws(
      () => native.grab(server.display, 600, 0, 100, 100),
      (e: unknown) => (e as { code?: string }).code === "X_ERROR" && /refused to read 100x100\+600\+0 of a 640x480 screen/.test((e as Error).message),
    );
    assert.equal(native.grab(server.display, 600, 0, 40, 100).length, 40 * 100 * 4);
  });

  test("a display that goes away is DISPLAY_LOST, not the end of the process; a new one is captured", async () => {
    // servers of its own: the one captured above stays up until the end
    const native = addon as Exclude<typeof addon, string>;
    const doomed = await startXvfb({ width: 320, height: 240 });
    try {
      native.grab(doomed.display, 0, 0, 8, 8);
    } finally {
      await doomed.stop();
    }
    assert.throws(
      () => native.grab(doomed.display, 0, 0, 8, 8),
      (e: unknown) => ["DISPLAY_LOST", "NO_DISPLAY"].includes((e as { code?: string }).code ?? ""),
    );
    const next = await startXvfb({ width: 320, height: 240 });
    try {
      await x(next.display, "xsetroot", ["-solid", "#102030"]);
      const pixels = native.grab(next.display, 0, 0, 320, 240);
      assert.deepEqual([...pixels.subarray(0, 4)], [0x10, 0x20, 0x30, 255]);
    } finally {
      native.close();
      await next.stop();
    }
  });
});

describe("X11 shared-memory capture where it cannot work", () => {
  test("without the addon it captures through nut-js, names itself so, and says why", () => {
    const source = new X11ShmScreenSource(() => "native/build/deskpilot_capture.node is not built");
    assert.equal(source.name, "nut-js");
    assert.match(source.fallback ?? "", /not built/);
  });
});
