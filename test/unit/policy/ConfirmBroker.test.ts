import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfirmBroker } from "../../../agent/policy/ConfirmBroker.js";
import type { ConfirmEvent } from "../../../agent/policy/ConfirmEvent.js";

const key = { action: "key" as const, keys: ["alt", "f4"] };

function broker() {
  const events: ConfirmEvent[] = [];
  return { confirms: new ConfirmBroker((e) => events.push(e)), events };
}

/** The request events so far, oldest first. */
const requests = (events: ConfirmEvent[]) => events.filter((e): e is Extract<ConfirmEvent, { type: "confirm-request" }> => e.type === "confirm-request");

describe("ConfirmBroker (every question to the user, a run's or a replay's)", () => {
  test("a question goes out with its source, waits for answerConfirm, and every client hears it settled", async () => {
    for (const allow of [true, false]) {
      const { confirms, events } = broker();
      const answer = confirms.ask({ source: "macro", runId: "replay-1", action: key, reason: "step 2: alt+f4 closes" });
      const [request] = requests(events);
      assert.ok(request);
      assert.deepEqual(request, {
        type: "confirm-request",
        source: "macro",
        runId: "replay-1",
        requestId: request.requestId,
        action: key,
        reason: "step 2: alt+f4 closes",
      });
      assert.deepEqual(confirms.open(), [{ requestId: request.requestId, source: "macro", runId: "replay-1", action: key, reason: "step 2: alt+f4 closes" }]);
      await confirms.answerConfirm(request.requestId, allow);
      assert.equal(await answer, allow);
      assert.deepEqual(events.at(-1), { type: "confirm-answered", source: "macro", runId: "replay-1", requestId: request.requestId, allowed: allow });
      assert.deepEqual(confirms.open(), []);
      await assert.rejects(confirms.answerConfirm(request.requestId, true), { code: "UNKNOWN_REQUEST" }, "a question is answered once");
    }
  });

  test("an unknown request id is refused with UNKNOWN_REQUEST, and answers nothing else", async () => {
    const { confirms, events } = broker();
    const answer = confirms.ask({ source: "run", runId: "r", action: key, reason: "closes" });
    await assert.rejects(
      confirms.answerConfirm("no-such-request", true),
      (e: Error & { code?: string }) => e.code === "UNKNOWN_REQUEST" && /No open confirmation no-such-request/.test(e.message),
    );
    assert.equal(confirms.open().length, 1, "the open question is still open");
    assert.deepEqual(
      events.map((e) => e.type),
      ["confirm-request"],
    );
    await confirms.answerConfirm(requests(events)[0]!.requestId, true);
    assert.equal(await answer, true);
  });

  test("each answer reaches only the question it names, whichever source asked", async () => {
    const { confirms, events } = broker();
    const run = confirms.ask({ source: "run", runId: "2026-12-03T10-00-00-000Z-abcd1234", action: key, reason: "closes" });
    const replay = confirms.ask({ source: "macro", runId: "macro-2026-12-03T10-00-01-000Z", action: key, reason: "step 1: closes" });
    const [runRequest, macroRequest] = requests(events);
    assert.deepEqual([runRequest?.source, macroRequest?.source], ["run", "macro"]);
    await confirms.answerConfirm(macroRequest!.requestId, true);
    assert.equal(await replay, true);
    assert.deepEqual(
      confirms.open().map((c) => c.source),
      ["run"],
      "the run's question still waits",
    );
    await confirms.answerConfirm(runRequest!.requestId, false);
    assert.equal(await run, false);
    assert.deepEqual(
      events.filter((e) => e.type === "confirm-answered").map((e) => [e.source, e.requestId, "allowed" in e && e.allowed]),
      [
        ["macro", macroRequest!.requestId, true],
        ["run", runRequest!.requestId, false],
      ],
    );
  });

  test("a stop answers no and closes the question; a question asked after the stop is no at once, unasked", async () => {
    const { confirms, events } = broker();
    const stop = new AbortController();
    const answer = confirms.ask({ source: "run", runId: "r", action: key, reason: "closes", signal: stop.signal });
    const requestId = requests(events)[0]!.requestId;
    stop.abort(new Error("stopped by the user"));
    assert.equal(await answer, false);
    assert.deepEqual(events.at(-1), { type: "confirm-answered", source: "run", runId: "r", requestId, allowed: false });
    await assert.rejects(confirms.answerConfirm(requestId, true), { code: "UNKNOWN_REQUEST" }, "a stopped run's question is gone");

    const before = events.length;
    assert.equal(await confirms.ask({ source: "macro", runId: "m", action: key, reason: "closes", signal: stop.signal }), false);
    assert.equal(events.length, before, "nothing is asked for a run that has stopped");
    assert.deepEqual(confirms.open(), []);
  });

  test("an answer after the question settled leaves the stop's listener gone: a later stop emits nothing", async () => {
    const { confirms, events } = broker();
    const stop = new AbortController();
    const answer = confirms.ask({ source: "macro", runId: "m", action: key, reason: "closes", signal: stop.signal });
    await confirms.answerConfirm(requests(events)[0]!.requestId, true);
    assert.equal(await answer, true);
    const settled = events.length;
    stop.abort();
    assert.equal(events.length, settled);
  });

  test("dispose answers every open question no, each with its event; idempotent", async () => {
    const { confirms, events } = broker();
    const answers = [
      confirms.ask({ source: "run", runId: "r", action: key, reason: "closes" }),
      confirms.ask({ source: "macro", runId: "m", action: key, reason: "step 1: closes" }),
    ];
    await confirms.dispose();
    assert.deepEqual(await Promise.all(answers), [false, false]);
    assert.deepEqual(
      events.filter((e) => e.type === "confirm-answered").map((e) => [e.source, "allowed" in e && e.allowed]),
      [
        ["run", false],
        ["macro", false],
      ],
    );
    const settled = events.length;
    await confirms.dispose();
    assert.equal(events.length, settled);
    assert.deepEqual(confirms.open(), []);
  });
});
