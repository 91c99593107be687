import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Capture } from "../../../agent/capture/Capture.js";
import { LiveFrameStream } from "../../../agent/loop/LiveFrameStream.js";
import { DISPLAY } from "./support/loopHarness.js";

/** A small capture of one grey level, told apart by its level. */
const grey = (level: number): Capture => ({ display: DISPLAY, width: 64, height: 40, channels: 4, data: Buffer.alloc(64 * 40 * 4, level), ms: 0, source: "test" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("LiveFrameStream (the live view's rate and memory bound)", () => {
  test("frames offered faster than the rate: the first goes out, the ones between are dropped, the newest follows", async () => {
    const sent: number[] = [];
    const stream = new LiveFrameStream((f) => sent.push(f.step), { maxSide: 640, quality: 60, maxBytes: 100_000, minIntervalMs: 150 });
    for (let step = 1; step <= 5; step++) stream.push(grey(step * 40), step);
    await sleep(60);
    assert.deepEqual(sent, [1], "one frame at once, none more inside the interval");
    await sleep(300);
    assert.deepEqual(sent, [1, 5], "then only the newest of those offered meanwhile");
    stream.dispose();
  });

  test("after dispose nothing more goes out, not even a frame held back", async () => {
    const sent: number[] = [];
    const stream = new LiveFrameStream((f) => sent.push(f.step), { maxSide: 640, quality: 60, maxBytes: 100_000, minIntervalMs: 100 });
    stream.push(grey(10), 1);
    stream.push(grey(20), 2);
    stream.dispose();
    stream.dispose();
    stream.push(grey(30), 3);
    await sleep(250);
    assert.deepEqual(sent, []);
  });

  test("a frame that cannot be made small enough is not sent", async () => {
    const sent: number[] = [];
    const stream = new LiveFrameStream((f) => sent.push(f.step), { maxSide: 640, quality: 60, maxBytes: 50, minIntervalMs: 10 });
    stream.push(grey(90), 1);
    await sleep(150);
    assert.deepEqual(sent, []);
    stream.dispose();
  });
});
