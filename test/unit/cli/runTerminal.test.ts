import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { attachTerminal, formatStepLine } from "../../../agent/cli/commands/runTerminal.js";
import type { RunsController } from "../../../agent/loop/RunsController.js";
import { MemoryStream } from "../../support/memoryStream.js";

/** A stand-in for the controller that only records answers. */
function answersOf(): { runs: RunsController; answers: [string, boolean][] } {
  const answers: [string, boolean][] = [];
  return { answers, runs: { answerConfirm: async (id: string, allow: boolean) => void answers.push([id, allow]) } as unknown as RunsController };
}

const request = {
  type: "confirm-request" as const,
  source: "run" as const,
  runId: "r",
  requestId: "q1",
  action: { action: "key" as const, keys: ["alt", "f4"] },
  reason: "the key combination alt+f4 closes",
};

describe("deskpilot run's terminal", () => {
  test("one line per step: number, outcome, action, time, and the observation when it did not simply work", () => {
    assert.equal(
      formatStepLine({ type: "run-step", runId: "r", step: 3, outcome: "done", action: { action: "left_click", coordinate: [1, 2] }, ms: 812.4 }),
      'step  3  done      {"action":"left_click","coordinate":[1,2]}  812 ms\n',
    );
    assert.match(
      formatStepLine({ type: "run-step", runId: "r", step: 4, outcome: "failed", observation: "invalid action", ms: 5 }),
      /step {2}4 {2}failed {4}\(no usable action\) {2}5 ms {2}— invalid action/,
    );
  });

  for (const [mode, allow, said] of [
    ["yes", true, /allowed \(--yes\)/],
    ["refuse", false, /refused: no terminal/],
  ] as const) {
    test(`confirmations in "${mode}" mode are answered ${allow} at once`, async () => {
      const { runs, answers } = answersOf();
      const err = new MemoryStream();
      attachTerminal(runs, { out: new MemoryStream(), err }, mode)(request);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(answers, [["q1", allow]]);
      assert.match(err.text, /confirm: .*alt\+f4/);
      assert.match(err.text, said);
    });
  }

  test('"ask" mode asks on the terminal; only y or yes allows', async () => {
    for (const [typed, allow] of [
      ["y\n", true],
      ["yes\n", true],
      ["\n", false],
      ["no\n", false],
    ] as const) {
      const { runs, answers } = answersOf();
      const input = new PassThrough();
      const err = new MemoryStream();
      attachTerminal(runs, { out: new MemoryStream(), err }, "ask", input)(request);
      await new Promise((r) => setImmediate(r));
      input.write(typed);
      for (let i = 0; i < 50 && answers.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(answers, [["q1", allow]], JSON.stringify(typed));
      assert.match(err.text, /allow this action\? \[y\/N\]/);
    }
  });
});
