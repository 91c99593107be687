import { test } from "node:test";
import assert from "node:assert/strict";
import { CaptureShield, type ShieldedWindow } from "../../electron/main/CaptureShield.js";
import { ShieldedScreenSource } from "../../electron/main/ShieldedScreenSource.js";
import { HideSettle } from "../../electron/main/HideSettle.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { dualHidpi } from "../support/displayLayouts.js";

class Window implements ShieldedWindow {
  visible = true;
  log: string[] = [];
  isVisible = () => this.visible;
  hide = () => void ((this.visible = false), this.log.push("hide"));
  showInactive = () => void ((this.visible = true), this.log.push("show"));
}

/** A screen that notes whether the widget was up when each capture happened. */
function rig() {
  const window = new Window();
  let wanted = true;
  const shield = new CaptureShield(
    () => window,
    () => wanted,
    async () => void window.log.push("settle"),
  );
  const inner = new FakeScreenSource(dualHidpi);
  const capture = inner.capture.bind(inner);
  inner.capture = async (id) => (window.log.push(`capture (widget ${window.visible ? "up" : "down"})`), capture(id));
  return { window, shield, screen: new ShieldedScreenSource(inner, () => shield), unwant: () => (wanted = false) };
}

test("the widget steps aside for each capture and comes back after it", async () => {
  const { window, screen } = rig();
  await screen.capture();
  await screen.capture("right");
  assert.deepEqual(window.log, ["hide", "settle", "capture (widget down)", "show", "hide", "settle", "capture (widget down)", "show"]);
});

test("a failed capture still brings the widget back; listing displays does not touch it", async () => {
  const { window, screen } = rig();
  await assert.rejects(screen.capture("nope"));
  assert.equal(window.visible, true);
  await screen.listDisplays();
  assert.deepEqual(window.log.filter((l) => l === "hide").length, 1);
});

test("overlapping captures share one hide; a widget meant to go stays gone", async () => {
  const { window, shield, unwant } = rig();
  const raiseA = await shield.lower();
  const raiseB = await shield.lower();
  raiseA();
  raiseA(); // twice is once
  assert.equal(window.visible, false, "still down while B captures");
  unwant(); // the run ended during the capture
  raiseB();
  assert.equal(window.visible, false);
  assert.deepEqual(window.log, ["hide", "settle"]);
});

test("a hidden widget is left alone", async () => {
  const { window, shield } = rig();
  window.visible = false;
  (await shield.lower())();
  assert.deepEqual(window.log, []);
});

test("a capture right after the panel hid waits out the rest of the settle time, later ones do not wait", async () => {
  let clock = 1000;
  const slept: number[] = [];
  const settle = new HideSettle(
    150,
    () => clock,
    async (ms) => void slept.push(ms),
  );
  await settle.wait();
  assert.deepEqual(slept, [], "never hidden: no wait");
  settle.mark();
  clock += 40;
  await settle.wait();
  assert.deepEqual(slept, [110]);
  clock += 200;
  await settle.wait();
  assert.deepEqual(slept, [110]);
});
