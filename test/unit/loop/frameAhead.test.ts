import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { FrameAhead } from "../../../agent/loop/FrameAhead.js";
import { settleScreen } from "../../../agent/loop/settleScreen.js";
import { prepareFrame } from "../../../agent/frames/prepareFrame.js";
import { sourceFromCapture } from "../../../agent/frames/sourceImages.js";
import type { Capture } from "../../../agent/ports/Capture.js";
import type { TokenBounds } from "../../../agent/frames/TokenBounds.js";
import { ColourScreen } from "./support/ColourScreen.js";
import { TestClock } from "./support/TestClock.js";

const display = { id: "d", name: "d", x: 0, y: 0, width: 224, height: 112, scaleFactor: 1, primary: true };
const bounds = { minImageTokens: 16, maxImageTokens: 64 };

/** A FrameAhead over the real preparation that counts how many frames it made. */
function counted() {
  let made = 0;
  const ahead = new FrameAhead(
    () => bounds,
    (c: Capture, b: TokenBounds) => {
      made++;
      return prepareFrame(sourceFromCapture(c), b);
    },
  );
  return { ahead, made: () => made };
}

describe("FrameAhead (the next step's frame, prepared during the settle wait)", () => {
  test("a capture with the same pixels gets the frame made ahead, not a second one, and it is the frame it would have got", async () => {
    const screen = new ColourScreen(display, () => [10, 200, 30]);
    const first = await screen.capture();
    const again = await screen.capture(); // another object, the same pixels
    const { ahead, made } = counted();
    ahead.start(first);
    const frame = await ahead.prepare(again);
    assert.equal(made(), 1);
    assert.deepEqual(frame.rgb, (await prepareFrame(sourceFromCapture(again), bounds)).rgb);
  });

  test("a capture whose pixels differ, even by one, is prepared afresh from itself", async () => {
    const screen = new ColourScreen(display, () => [10, 200, 30]);
    const first = await screen.capture();
    const changed = await screen.capture();
    changed.data[4 * 50] = 255; // one pixel's red
    const { ahead, made } = counted();
    ahead.start(first);
    const frame = await ahead.prepare(changed);
    assert.equal(made(), 2);
    assert.deepEqual(frame.rgb, (await prepareFrame(sourceFromCapture(changed), bounds)).rgb);
  });

  test("a frame made ahead is used once; a failure ahead is met by preparing again, with its own error", async () => {
    const screen = new ColourScreen(display, () => [0, 0, 0]);
    const c = await screen.capture();
    const { ahead, made } = counted();
    ahead.start(c);
    await ahead.prepare(c);
    await ahead.prepare(c);
    assert.equal(made(), 2, "the second step prepares its own");
    const wrongSize = { ...c, width: c.width + 5 }; // does not match its display: sourceFromCapture refuses it
    ahead.start(wrongSize);
    await assert.rejects(ahead.prepare(wrongSize), /capture is 229x112 but display d is 224x112/);
  });
});

describe("settleScreen tells of the screens it may settle on", () => {
  test("the first capture and each that moved are announced, and it settles on the pixels last announced", async () => {
    let shade = 0;
    const screen = new ColourScreen(display, () => [shade, 0, 0]);
    const before = await screen.capture();
    const clock = new TestClock();
    // the screen changes twice (two sleeps), then holds still
    clock.onSleep = () => {
      if (clock.sleeps <= 2) shade += 50;
    };
    const announced: Capture[] = [];
    const settled = await settleScreen(screen, before, clock, { timeoutMs: 2000, intervalMs: 100, minChangedPixels: 40 }, undefined, (c) => announced.push(c));
    assert.equal(settled.changed, true);
    assert.equal(announced.length, 2);
    assert.ok(announced.at(-1)!.data.equals(settled.capture.data), "the frame started ahead is of the settled screen's pixels");
  });

  test("a screen that never changes is announced once, at the first capture, and that is what it times out on", async () => {
    const screen = new ColourScreen(display, () => [9, 9, 9]);
    const before = await screen.capture();
    const announced: Capture[] = [];
    const settled = await settleScreen(screen, before, new TestClock(), { timeoutMs: 500, intervalMs: 100, minChangedPixels: 40 }, undefined, (c) =>
      announced.push(c),
    );
    assert.equal(settled.changed, false);
    assert.equal(announced.length, 1);
    assert.ok(announced[0]!.data.equals(settled.capture.data));
  });
});
