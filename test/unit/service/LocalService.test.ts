import { test, describe } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { LocalService } from "../../../agent/service/LocalService.js";
import { OffScreenError } from "../../../agent/geometry/OffScreenError.js";
import { UnknownDisplayError } from "../../../agent/errors/UnknownDisplayError.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { dualHidpi } from "../../support/displayLayouts.js";

function service(pointer = { x: 10, y: 10 }) {
  const screen = new FakeScreenSource(dualHidpi, (d) => (d.id === "left" ? [200, 10, 20] : [5, 6, 250]));
  const input = new FakeInputDriver(pointer);
  return { screen, input, service: new LocalService(screen, input) };
}

describe("LocalService", () => {
  test("listDisplays is the screen source's layout", async () => {
    const { service: s } = service();
    assert.deepEqual(await s.listDisplays(), dualHidpi);
  });

  test("capture of the second monitor: native size, its geometry, and a PNG of its pixels", async () => {
    const { service: s, screen } = service();
    const result = await s.capture("right");
    assert.deepEqual(screen.captured, ["right"]);
    assert.equal(result.display.id, "right");
    // 1024×600 logical at scale 2 is 2048×1200 native.
    assert.equal(result.width, 2048);
    assert.equal(result.height, 1200);
    assert.equal(result.ms, 1.5);
    assert.deepEqual([...result.png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
    const { data, info } = await sharp(result.png).raw().toBuffer({ resolveWithObject: true });
    assert.equal(info.width, 2048);
    assert.equal(info.height, 1200);
    assert.equal(info.channels, 3, "RGB: alpha is dropped");
    assert.deepEqual([...data.subarray(0, 3)], [5, 6, 250]);
    assert.deepEqual([...data.subarray(data.length - 3)], [5, 6, 250]);
  });

  test("capture without an id is the primary display", async () => {
    const { service: s, screen } = service();
    const result = await s.capture();
    assert.deepEqual(screen.captured, [undefined]);
    assert.equal(result.display.id, "left");
    assert.equal(result.width, 2560);
  });

  test("capture of an unknown display passes the source's clear error on", async () => {
    const { service: s } = service();
    await assert.rejects(s.capture("nope"), UnknownDisplayError);
  });

  test("act clicks in global logical pixels on the screen source's displays", async () => {
    const { service: s, input } = service();
    const outcome = await s.act({ action: "left_click", coordinate: [1300, 20] });
    assert.deepEqual(input.calls, [{ kind: "click", at: { x: 1300, y: 20 }, button: "left", count: 1 }]);
    assert.equal(outcome.display?.id, "right");
  });

  test("act refuses a point off the screen source's displays, sending nothing", async () => {
    const { service: s, input } = service();
    await assert.rejects(s.act({ action: "left_click", coordinate: [1300, 700] }), OffScreenError);
    assert.deepEqual(input.calls, []);
  });

  test("act sees the layout as it is now, not as it was at start", async () => {
    const { service: s, screen, input } = service();
    screen.displays = dualHidpi.slice(0, 1); // the right monitor is unplugged
    await assert.rejects(s.act({ action: "left_click", coordinate: [1300, 20] }), OffScreenError);
    assert.deepEqual(input.calls, []);
  });

  test("act with dryRun sends nothing", async () => {
    const { service: s, input } = service();
    const outcome = await s.act({ action: "double_click", coordinate: [100, 100] }, { dryRun: true });
    assert.equal(outcome.dryRun, true);
    assert.deepEqual(input.calls, []);
  });

  test("is an event hub for its clients", () => {
    const { service: s } = service();
    const heard: string[] = [];
    s.on("displays-changed", (e) => heard.push(`changed:${e.displays.length}`));
    s.onAny((e) => heard.push(e.type));
    s.emit({ type: "displays-changed", displays: [...dualHidpi] });
    assert.deepEqual(heard, ["changed:2", "displays-changed"]);
  });

  test("dispose is idempotent and drops listeners", async () => {
    const { service: s } = service();
    let heard = 0;
    s.onAny(() => heard++);
    await s.dispose();
    await s.dispose();
    s.emit({ type: "run-state", runId: "r", state: "finished" });
    assert.equal(heard, 0);
  });
});
