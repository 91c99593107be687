import { test } from "node:test";
import assert from "node:assert/strict";
import { FrameTap } from "../../../agent/macros/recorder/FrameTap.js";
import type { Capture } from "../../../agent/ports/Capture.js";
import type { Display } from "../../../agent/geometry/Display.js";
import type { ScreenSource } from "../../../agent/ports/ScreenSource.js";

const display: Display = { id: "0", name: "t", x: 0, y: 0, width: 4, height: 4, scaleFactor: 1, primary: true };

/** A screen whose every capture is numbered, so a test can tell which frame it got. */
function numberedScreen(): ScreenSource & { count: number } {
  const screen = {
    name: "numbered",
    count: 0,
    async listDisplays() {
      return [display];
    },
    async capture(): Promise<Capture> {
      screen.count++;
      return { display, width: 4, height: 4, channels: 4, data: Buffer.alloc(64, screen.count), ms: 0, source: String(screen.count) };
    },
    async captureAll() {
      return [await screen.capture()];
    },
  };
  return screen;
}

test("a press that reaches the recorder late still gets the frame from just before it", async () => {
  const screen = numberedScreen();
  const tap = new FrameTap(screen, "0", 10);
  await new Promise((r) => setTimeout(r, 100));
  const pressedAt = performance.now();
  const framesBefore = screen.count;
  // The hook's child delivers the press 300 ms later, while the tap went on capturing.
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(screen.count > framesBefore + 3, "the tap kept capturing after the press");
  const frame = tap.frameBefore(pressedAt);
  await tap.stop();
  assert.ok(frame, "a frame from before the press is still held");
  assert.ok(Number(frame.source) <= framesBefore, `frame ${frame.source} was taken before the press (frame ${framesBefore} or earlier)`);
});

test("a frame older than a second is not trusted", async () => {
  const screen = numberedScreen();
  const tap = new FrameTap(screen, "0", 10);
  await new Promise((r) => setTimeout(r, 50));
  const frame = tap.frameBefore(performance.now() + 5000);
  await tap.stop();
  assert.equal(frame, undefined);
});

test("a grab that began before the press but returned after it is not the press's frame (it may show the press)", async () => {
  // Each grab takes 120 ms, as on an X server under load; the screen shows whatever it did when the grab returns.
  let shown = "before";
  let grabs = 0;
  const slow: ScreenSource = {
    name: "slow",
    listDisplays: async () => [display],
    capture: async () => {
      grabs++;
      await new Promise((r) => setTimeout(r, 120));
      return { display, width: 4, height: 4, channels: 4, data: Buffer.alloc(64, 1), ms: 120, source: shown };
    },
    captureAll: async () => [],
  };
  const tap = new FrameTap(slow, "0", 5);
  await new Promise((r) => setTimeout(r, 400));
  // Press in the middle of a grab: the grab in flight returns showing the pressed state.
  await new Promise((r) => setTimeout(r, 60));
  const pressedAt = performance.now();
  shown = "pressed";
  await new Promise((r) => setTimeout(r, 300));
  const frame = tap.frameBefore(pressedAt);
  await tap.stop();
  assert.ok(grabs >= 4);
  assert.equal(frame?.source, "before");
});
