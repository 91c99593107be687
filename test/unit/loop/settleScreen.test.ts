import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { differingPixels, settleScreen } from "../../../agent/loop/settleScreen.js";
import { ColourScreen } from "./support/ColourScreen.js";
import { TestClock } from "./support/TestClock.js";

const display = { id: "d", name: "d", x: 0, y: 0, width: 64, height: 32, scaleFactor: 1, primary: true };
const options = { timeoutMs: 2000, intervalMs: 33, quietMs: 100, minChangedPixels: 40 };

/** A screen whose colour the test script sets at each sleep of the clock (sleep n = the n-th poll's screen). */
function scripted(shades: (sleep: number) => number) {
  const clock = new TestClock();
  let shade = 0;
  clock.onSleep = () => void (shade = shades(clock.sleeps));
  return { clock, screen: new ColourScreen(display, () => [shade, 0, 0]) };
}

describe("settleScreen: done as soon as the changed screen has held still", () => {
  test("a change that holds settles once it has been still for quietMs, polling every interval", async () => {
    const { clock, screen } = scripted((n) => (n >= 1 ? 80 : 0)); // changed at the first poll, then still
    const before = await screen.capture();
    const settled = await settleScreen(screen, before, clock, options);
    assert.equal(settled.changed, true);
    // seen at 33 ms; still at 66, 99, 132 (99 ms of quiet), settled at 165
    assert.equal(settled.ms, 165);
  });

  test("a screen that keeps moving is not settled until it stops, and each move restarts the quiet", async () => {
    const { clock, screen } = scripted((n) => Math.min(n, 4) * 50); // moves at polls 1–4, still from 5 on
    const before = await screen.capture();
    const settled = await settleScreen(screen, before, clock, options);
    // the last move is seen at 4 × 33 = 132 ms; 100 ms of quiet ends at the poll at 264 ms
    assert.equal(settled.ms, 264);
  });

  test("a screen that never changes waits for the timeout and says it did not change", async () => {
    const { clock, screen } = scripted(() => 0);
    const settled = await settleScreen(screen, await screen.capture(), clock, { ...options, timeoutMs: 500 });
    assert.equal(settled.changed, false);
    assert.ok(settled.ms >= 500 && settled.ms < 500 + options.intervalMs);
  });

  test("without quietMs one still interval is enough, as before", async () => {
    const { clock, screen } = scripted((n) => (n >= 1 ? 80 : 0));
    const settled = await settleScreen(screen, await screen.capture(), clock, { timeoutMs: 2000, intervalMs: 100, minChangedPixels: 40 });
    assert.equal(settled.ms, 200);
  });

  test("identical captures differ in no pixel; a changed one counts up to the limit asked", async () => {
    const screen = new ColourScreen(display, () => [1, 2, 3]);
    const a = await screen.capture();
    const b = await screen.capture();
    assert.equal(differingPixels(a, b), 0);
    b.data.fill(9, 0, 4 * 50);
    assert.equal(differingPixels(a, b), 50);
    assert.equal(differingPixels(a, b, 40), 40);
  });
});
