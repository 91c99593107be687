import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { RunsController, type RunEnvironment } from "../../../agent/loop/RunsController.js";
import { defaultAgentOptions } from "../../../agent/loop/AgentPorts.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import { MemoryRunStore } from "../../../agent/runs/RunStore.js";
import { attachTerminal, reportRunEnd } from "../../../agent/cli/commands/runTerminal.js";
import { reportError } from "../../../agent/cli/main.js";
import type { ServiceEvent } from "../../../agent/service/ServiceEvents.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { MemoryStream } from "../../support/memoryStream.js";
import { ColourScreen } from "../loop/support/ColourScreen.js";
import { ScriptedDecider, call, type Answer } from "../loop/support/ScriptedDecider.js";
import { TestClock } from "../loop/support/TestClock.js";
import { DISPLAY } from "../loop/support/loopHarness.js";

/** `deskpilot run`'s printing, end to end over a scripted dry run: the terminal lines, the end, the exit code. */
async function dryRun(answers: Answer[], json: boolean): Promise<{ code: number; out: string; err: string }> {
  const out = new MemoryStream();
  const err = new MemoryStream();
  const ctx = { out, err };
  const input = new FakeInputDriver({ x: 5, y: 5 });
  let onEvent: (e: ServiceEvent) => void = () => undefined;
  const env: RunEnvironment = {
    screen: new ColourScreen(DISPLAY, () => [0, 0, 0]),
    input,
    clock: new TestClock(),
    store: new MemoryRunStore(),
    createDecider: async () => new ScriptedDecider(answers),
    defaults: {
      ...defaultAgentOptions,
      policy: defaultSafetyPolicy,
      bounds: { minImageTokens: 64, maxImageTokens: 256 },
      settle: { timeoutMs: 300, intervalMs: 100, minChangedPixels: 40 },
    },
    failSafePollMs: 0,
  };
  const runs = new RunsController(env, (e) => onEvent(e));
  onEvent = attachTerminal(runs, ctx, "refuse");
  const { runId } = await runs.startRun("fill the form", { maxSteps: 5, dryRun: true });
  const result = await runs.result(runId);
  let code = 0;
  try {
    reportRunEnd(ctx, result, json);
  } catch (error) {
    code = reportError(error, ctx);
  }
  await runs.dispose();
  return { code, out: out.text, err: err.text };
}

const count = (text: string, what: RegExp) => text.split("\n").filter((l) => what.test(l)).length;

describe("deskpilot run's end-of-run summary", () => {
  test("a successful dry run says how it ended once, on stdout, after one line per step on stderr", async () => {
    const r = await dryRun([call({ action: "left_click", coordinate: [10, 10] }), call({ action: "terminate", status: "success" })], false);
    assert.equal(r.code, 0);
    assert.equal(count(r.err, /^step /), 2);
    assert.match(r.out, /^success: .+ \(2 steps\)\n$/);
    assert.doesNotMatch(r.err, /run finished|success:/, "stderr does not repeat the outcome");
  });

  test("a failed run: one summary with the run folder's report command, and exit 1 with nothing more said", async () => {
    const r = await dryRun([call({ action: "terminate", status: "failure" })], false);
    assert.equal(r.code, 1);
    const all = `${r.out}${r.err}`;
    assert.equal(count(all, /^(?!step ).*failure/), 1, `the outcome is said once (beside the step that ended it):\n${all}`);
    assert.match(r.out, /^failure: .+ \(1 step\)\n/);
    assert.doesNotMatch(r.err, /deskpilot: the run ended/);
  });

  test("--json: the run's result as the one JSON document on stdout, its fields unchanged, and nothing else there", async () => {
    const r = await dryRun([call({ action: "terminate", status: "failure" })], true);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc).sort(), ["reason", "runId", "status", "steps"]);
    assert.equal(doc["status"], "failure");
    assert.equal(count(r.err, /^(?!step ).*failure/), 0, "stderr has the step lines only");
  });
});
