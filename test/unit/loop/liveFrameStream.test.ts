import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Capture } from "../../../agent/ports/Capture.js";
import { encodeLiveFrame } from "../../../agent/capture/encodeLiveFrame.js";
import { LiveFrameStream } from "../../../agent/loop/LiveFrameStream.js";
import { DISPLAY } from "./support/loopHarness.js";

/** A small capture of one grey level, told apart by its level. */
const grey = (level: number): Capture => ({
  display: DISPLAY,
  width: 64,
  height: 40,
  channels: 4,
  data: Buffer.alloc(64 * 40 * 4, level),
  ms: 0,
  source: "test",
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("LiveFrameStream (the live view's rate and memory bound)", () => {
  test("frames offered faster than the rate: the first goes out, the ones between are dropped, the newest follows", async () => {
    const sent: number[] = [];
    let heard!: () => void;
    let next = new Promise<void>((r) => (heard = r));
    const stream = new LiveFrameStream((f) => (sent.push(f.step), heard()), { maxSide: 640, quality: 60, maxBytes: 100_000, minIntervalMs: 150 });
    const alive = setInterval(() => undefined, 1000); // the stream's own timer does not hold the process open (a run does)
    for (let step = 1; step <= 5; step++) stream.push(grey(step * 40), step);
    await next;
    assert.deepEqual(sent, [1], "the first at once");
    next = new Promise<void>((r) => (heard = r));
    await next;
    await sleep(400); // time for any other frame to show up, if one were (wrongly) kept
    assert.deepEqual(sent, [1, 5], "then only the newest of those offered meanwhile");
    clearInterval(alive);
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

  test("a frame that cannot be made small enough is not made at all", async () => {
    assert.equal(await encodeLiveFrame(grey(90), { maxSide: 640, quality: 60, maxBytes: 50 }), undefined);
    const frame = await encodeLiveFrame(grey(90), { maxSide: 32, quality: 60, maxBytes: 100_000 });
    assert.deepEqual([frame?.width, frame?.height], [32, 20], "downscaled to the longer side, its shape kept");
  });
});
