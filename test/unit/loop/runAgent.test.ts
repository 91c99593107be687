import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { call, hang } from "./support/ScriptedDecider.js";
import { loopHarness } from "./support/loopHarness.js";
import { collectGarbage } from "../../../agent/platform/collectGarbage.js";

const click = (x: number, y: number) => call({ action: "left_click", coordinate: [x, y] });
const done = call({ action: "terminate", status: "success" });

describe("runAgent", () => {
  test("a task completes: the click lands on the screen point of its frame point, terminate success ends the run", async () => {
    const h = loopHarness([click(280, 168), call({ action: "type", text: "Ada" }), done]);
    const result = await h.run();
    assert.equal(result.status, "success");
    assert.equal(result.steps, 3);
    // Frame 560x336 stretched over 1280x800: pixel centre (280.5, 168.5) → (641.1, 401.2) → 641, 401.
    assert.deepEqual(h.input.calls, [
      { kind: "click", at: { x: 641, y: 401 }, button: "left", count: 1 },
      { kind: "type", text: "Ada" },
    ]);
    const [s1, s2, s3] = h.steps();
    assert.deepEqual(s1!.frame, { width: 560, height: 336 });
    assert.deepEqual(s1!.screenAction, { action: "left_click", coordinate: [641, 401] });
    assert.equal(s1!.outcome, "done");
    assert.equal(s1!.screenChanged, true);
    assert.equal(s2!.outcome, "done");
    assert.equal(s3!.outcome, "terminate");
    assert.equal(h.log()[0]!.type, "run-start");
    assert.equal(h.log().at(-1)!.type, "run-end");
    // The declared frame in the prompt is the frame of the image the decider got.
    assert.deepEqual(h.decider.requests[0]!.screenshot.frame, { width: 560, height: 336, tokens: 240 });
  });

  test("HiDPI: a frame point maps through native pixels to logical pixels at the display's origin", async () => {
    const display = { id: "2", name: "hidpi", x: 1280, y: 0, width: 640, height: 400, scaleFactor: 2, primary: true };
    const h = loopHarness([click(280, 168), done], { display });
    assert.equal((await h.run()).status, "success");
    assert.deepEqual(h.input.calls[0], { kind: "click", at: { x: 1280 + 641 / 2, y: 401 / 2 }, button: "left", count: 1 });
  });

  test("terminate with failure ends the run as failure; nothing is sent", async () => {
    const h = loopHarness([call({ action: "terminate", status: "failure" })]);
    assert.equal((await h.run()).status, "failure");
    assert.equal(h.input.calls.length, 0);
  });

  test("an unusable answer goes back to the model as an observation, and the run carries on", async () => {
    const h = loopHarness(["I think I should click the button", call({ action: "left_click", coordinate: [9999, 5] }), click(10, 10), done]);
    const result = await h.run();
    assert.equal(result.status, "success");
    assert.equal(h.input.calls.length, 1, "only the valid click was sent");
    const [bad, offScreen] = h.steps();
    assert.equal(bad!.outcome, "failed");
    assert.equal(bad!.error?.code, "INVALID_ACTION");
    assert.equal(offScreen!.outcome, "failed");
    assert.equal(offScreen!.error?.code, "OUT_OF_FRAME", "far outside the frame the model saw: refused before mapping");
    const history = h.decider.requests[2]!.history;
    assert.equal(history.length, 2);
    assert.ok(history.every((e) => e.failed));
    assert.match(history[0]!.observation, /invalid action, nothing was done/);
    assert.match(history[1]!.observation, /outside the \d+x\d+ image it saw/);
  });

  test("after three failures in a row the run stops with the reason", async () => {
    const h = loopHarness(["nonsense"]);
    const result = await h.run();
    assert.equal(result.status, "failure");
    assert.equal(result.steps, 3);
    assert.match(result.reason, /3 failed steps in a row/);
    assert.equal(h.input.calls.length, 0);
  });

  test("the step budget ends the run (default 50)", async () => {
    assert.equal(loopHarness([]).options.maxSteps, 50);
    const h = loopHarness([(r) => click(10 + r.history.length * 20, 10)], { maxSteps: 4 });
    const result = await h.run();
    assert.equal(result.status, "budget");
    assert.equal(result.steps, 4);
    assert.equal(h.input.calls.length, 4);
  });

  test("the same action with the screen unchanged is no progress: warned, then stopped", async () => {
    const h = loopHarness([click(100, 100)], { staticScreen: true });
    const result = await h.run();
    assert.equal(result.status, "no-progress");
    assert.equal(result.steps, 3);
    assert.match(h.decider.requests[1]!.history[0]!.observation, /did not change/);
    assert.match(h.decider.requests[2]!.history[1]!.observation, /repeating the same action will not help/);
  });

  test("many steps that change nothing are no progress even when the actions differ", async () => {
    const h = loopHarness([(r) => click(10 + r.history.length * 30, 10)], { staticScreen: true, maxUnchangedSteps: 4 });
    const result = await h.run();
    assert.equal(result.status, "no-progress");
    assert.equal(result.steps, 4);
  });

  test("history is bounded: the oldest actions become a count, and at most two past screenshots are offered", async () => {
    const h = loopHarness([(r) => (r.history.length + r.omitted >= 6 ? done : click(10 + (r.history.length + r.omitted) * 20, 10))], { historyEntries: 3 });
    await h.run();
    const last = h.decider.requests.at(-1)!;
    assert.equal(last.history.length, 3);
    assert.equal(last.omitted, 3);
    assert.deepEqual(
      last.history.map((e) => e.step),
      [4, 5, 6],
    );
    assert.equal(last.pastScreenshots.length, 2);
  });

  test("dry run: plans and records every step, sends no input, and asks for no confirmation", async () => {
    const h = loopHarness([click(10, 10), call({ action: "key", keys: ["alt", "f4"] }), done], { dryRun: true });
    const result = await h.run();
    assert.equal(result.status, "success");
    assert.equal(h.input.calls.length, 0);
    assert.equal(h.confirms.length, 0);
    const [a, b] = h.steps();
    assert.equal(a!.outcome, "dry-run");
    assert.equal(b!.policy?.verdict, "confirm");
    assert.match(b!.observation, /would ask/);
  });

  test("a risky action waits for confirmation: refused is not sent and is an observation; allowed is sent", async () => {
    const refuse = loopHarness([call({ action: "key", keys: ["ctrl", "w"] }), done]);
    assert.equal((await refuse.run()).status, "success");
    assert.equal(refuse.input.calls.length, 0);
    assert.equal(refuse.confirms.length, 1);
    assert.match(refuse.confirms[0]!.reasons[0]!, /ctrl\+w/);
    assert.equal(refuse.steps()[0]!.outcome, "refused");
    assert.equal(refuse.steps()[0]!.policy?.confirmed, false);
    assert.match(refuse.decider.requests[1]!.history[0]!.observation, /refused/);

    const allow = loopHarness([call({ action: "key", keys: ["ctrl", "w"] }), done], { confirm: async () => true });
    await allow.run();
    assert.deepEqual(allow.input.calls, [{ kind: "keys", keys: ["ctrl", "w"] }]);
    assert.equal(allow.steps()[0]!.policy?.confirmed, true);
  });

  test("the inspector's target feeds the policy: a Send button needs confirmation", async () => {
    const h = loopHarness([click(10, 10), done], {}, { inspector: { inspect: async () => ({ label: "Send message", role: "button" }) } });
    await h.run();
    assert.equal(h.confirms.length, 1);
    assert.match(h.confirms[0]!.reasons.join(), /"send"/i);
    assert.equal(h.input.calls.length, 0);
  });

  test("a model that never answers times out the step; that is a failure the run survives", async () => {
    // A garbage collection while the model hangs must not lose the step's deadline (nodejs/node#57736).
    const h = loopHarness([hang(() => setTimeout(collectGarbage, 5)), click(10, 10), done], { stepTimeoutMs: 30 });
    const result = await h.run();
    assert.equal(result.status, "success");
    assert.equal(h.steps()[0]!.outcome, "failed");
    assert.match(h.steps()[0]!.observation, /timed out/);
  });

  test("the whole-run timeout stops the run, even mid-generation", async () => {
    const h = loopHarness([hang()], { runTimeoutMs: 30 });
    const result = await h.run();
    assert.equal(result.status, "timeout");
    assert.equal(h.input.calls.length, 0);
  });

  test("an engine failure ends the run as an error with its message", async () => {
    const h = loopHarness([() => Promise.reject(new Error("engine crashed"))]);
    const result = await h.run();
    assert.equal(result.status, "error");
    assert.match(result.reason, /engine crashed/);
  });
});
