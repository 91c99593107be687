import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Decider, DecideRequest } from "../../../agent/loop/Decider.js";
import { rereadNote } from "../../../agent/loop/runAgent.js";
import type { RunLogEntry } from "../../../agent/runs/RunLogEntry.js";
import { call, ScriptedDecider } from "./support/ScriptedDecider.js";
import { loopHarness } from "./support/loopHarness.js";

const click = (x: number, y: number) => call({ action: "left_click", coordinate: [x, y] });
const done = call({ action: "terminate", status: "success" });

/** A decider whose engine refuses to cut its kept context on the steps `refused` names (1-based). */
function refusingDecider(answers: string[], refused: (step: number) => boolean): Decider {
  const inner = new ScriptedDecider(answers);
  let step = 0;
  return {
    decide: async (request: DecideRequest) => ({ ...(await inner.decide(request)), ...(refused(++step) ? { eraseRefused: true } : {}) }),
    dispose: () => inner.dispose(),
  };
}

const runEnd = (log: readonly RunLogEntry[]) => log.find((e): e is Extract<RunLogEntry, { type: "run-end" }> => e.type === "run-end")!;

describe("the run record says when steps re-read the whole prompt (recurrent models)", () => {
  test("every step after the first refused: each such step is marked, and run-end says every step re-read it", async () => {
    const h = loopHarness([], {}, { decider: refusingDecider([click(10, 10), click(30, 10), done], (s) => s > 1) });
    assert.equal((await h.run()).status, "success");
    assert.deepEqual(
      h.steps().map((s) => s.rereadWholePrompt ?? false),
      [false, true, true],
    );
    assert.deepEqual(runEnd(h.log()).rereads, { steps: 2, note: rereadNote(2, 3).note });
    assert.match(runEnd(h.log()).rereads!.note, /^every step re-read the whole prompt: .*recurrent model/);
  });

  test("only some steps refused: the note counts them", async () => {
    const h = loopHarness([], {}, { decider: refusingDecider([click(10, 10), click(30, 10), click(50, 10), done], (s) => s === 3) });
    await h.run();
    assert.deepEqual(runEnd(h.log()).rereads, { steps: 1, note: rereadNote(1, 4).note });
    assert.match(rereadNote(1, 4).note, /^1 of 4 steps re-read the whole prompt/);
  });

  test("a KV-cache model's run has no rereads field and no marked step", async () => {
    const h = loopHarness([click(10, 10), done]);
    await h.run();
    assert.equal(runEnd(h.log()).rereads, undefined);
    assert.ok(h.steps().every((s) => s.rereadWholePrompt === undefined));
  });
});
