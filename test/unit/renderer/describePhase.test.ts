import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { STEP_PHASES, type RunPhase } from "../../../agent/loop/stepPhases.js";
import { formatElapsed, phaseLabel, timingParts } from "../../../renderer/src/components/task/describePhase.js";

describe("describePhase (the Task screen's phase line and step timings)", () => {
  test("every phase a run goes through has words of its own", () => {
    const phases: RunPhase[] = ["loading-model", ...Object.values(STEP_PHASES)];
    const labels = phases.map(phaseLabel);
    assert.ok(labels.every((l) => typeof l === "string" && l.length > 0));
    assert.equal(new Set(labels).size, phases.length, "no two phases read the same");
    assert.equal(phaseLabel("asking-model"), "asking the model");
    assert.equal(phaseLabel("loading-model"), "loading the model");
  });

  test("elapsed time reads in seconds with a tenth, and never below zero", () => {
    assert.equal(formatElapsed(3712), "3.7 s");
    assert.equal(formatElapsed(40), "0.0 s");
    assert.equal(formatElapsed(-5), "0.0 s");
  });

  test("a step's timings come out in the step's order with the report's names, leaving out the phases it skipped", () => {
    const parts = timingParts({ captureMs: 12, prepareMs: 0.2, modelMs: 3400, policyMs: 0, confirmMs: 0, actMs: 85, settleMs: 410, totalMs: 3907 });
    assert.deepEqual(parts, [{ name: "capture", ms: 12 }, { name: "model", ms: 3400 }, { name: "act", ms: 85 }, { name: "settle", ms: 410 }]);
  });
});
