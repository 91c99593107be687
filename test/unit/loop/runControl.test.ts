import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { call, hang } from "./support/ScriptedDecider.js";
import { loopHarness, type Harness } from "./support/loopHarness.js";
import { RunControl } from "../../../agent/loop/RunControl.js";
import { RunStoppedError } from "../../../agent/loop/errors/RunStoppedError.js";

const click = (x: number, y: number) => call({ action: "left_click", coordinate: [x, y] });
const done = call({ action: "terminate", status: "success" });

/** Runs a harness whose first step is clicked; `stopAt` stops it at one phase of the second step. */
async function stoppedIn(make: (stop: () => void) => Harness): Promise<Harness> {
  const h: Harness = make(() => h.control.stop());
  const result = await h.run();
  assert.equal(result.status, "stopped", result.reason);
  return h;
}

/** Waits (real time, up to 5 s) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), "condition never held");
}

describe("run control", () => {
  test("RunControl: pause holds checkpoint until resume; stop releases it with RunStoppedError and aborts the signal", async () => {
    const c = new RunControl();
    c.pause();
    let passed = false;
    const waiting = c.checkpoint().then(() => (passed = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(passed, false);
    c.resume();
    await waiting;
    assert.equal(passed, true);
    c.pause();
    const stopped = c.checkpoint();
    c.stop("because");
    await assert.rejects(stopped, RunStoppedError);
    assert.equal(c.signal.aborted, true);
    assert.equal(c.state, "stopped");
    c.stop("again");
    assert.equal(c.reason, "because", "the first reason wins");
  });

  test("stop mid-generation aborts the model's signal; no input follows", async () => {
    const h = await stoppedIn((stop) => loopHarness([click(10, 10), hang(stop)]));
    assert.equal(h.input.calls.length, 1);
    assert.equal(h.decider.requests[1]!.signal.aborted, true);
  });

  test("stop while the target is inspected: no input follows", async () => {
    let n = 0;
    const h = await stoppedIn((stop) => loopHarness([click(10, 10), click(50, 50)], {}, { inspector: { inspect: async () => (++n === 2 && stop(), {}) } }));
    assert.equal(h.input.calls.length, 1);
  });

  test("stop while a confirmation is open: the action is not sent even if then allowed", async () => {
    const h = await stoppedIn((stop) => loopHarness([click(10, 10), call({ action: "key", keys: ["alt", "f4"] })], { confirm: async () => (stop(), true) }));
    assert.equal(h.input.calls.length, 1);
  });

  test("stop while the screen settles: no further input", async () => {
    const h = await stoppedIn((stop) => {
      const x = loopHarness([click(10, 10), click(50, 50)]);
      x.clock.onSleep = () => stop();
      return x;
    });
    assert.equal(h.input.calls.length, 1);
  });

  test("stop during a wait action: nothing after it", async () => {
    const h = await stoppedIn((stop) => {
      const x = loopHarness([call({ action: "wait", time: 5 }), click(50, 50)]);
      x.clock.onSleep = (ms) => ms === 5000 && stop();
      return x;
    });
    assert.equal(h.input.calls.length, 0);
  });

  test("the fail-safe corner stops the run before the next input event", async () => {
    let reads = 0;
    const h = loopHarness(
      [click(10, 10), click(50, 50), done],
      {},
      { failSafe: async () => (++reads === 2 ? "the pointer was pushed into a screen corner" : undefined) },
    );
    const result = await h.run();
    assert.equal(result.status, "stopped");
    assert.match(result.reason, /corner/);
    assert.equal(h.input.calls.length, 1);
  });

  test("pause mid-generation: the answer arrives, but nothing is sent until resume", async () => {
    const h: Harness = loopHarness([() => (h.control.pause(), click(10, 10)), done]);
    const running = h.run();
    await until(() => h.decider.requests.length === 1 && h.control.state === "paused");
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.input.calls.length, 0);
    h.control.resume();
    assert.equal((await running).status, "success");
    assert.equal(h.input.calls.length, 1);
    assert.deepEqual(
      h
        .log()
        .filter((e) => e.type === "state")
        .map((e) => (e as { state: string }).state),
      ["paused", "running"],
    );
  });

  test("stop while paused ends the run with no input", async () => {
    const h: Harness = loopHarness([() => (h.control.pause(), click(10, 10))]);
    const running = h.run();
    await until(() => h.control.state === "paused");
    h.control.stop();
    assert.equal((await running).status, "stopped");
    assert.equal(h.input.calls.length, 0);
  });
});
