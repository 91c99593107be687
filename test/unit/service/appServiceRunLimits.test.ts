import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAgentOptions, RUN_LIMITS } from "../../../agent/loop/AgentPorts.js";
import { readRunLog } from "../../../agent/runs/readRunLog.js";
import { createAppService } from "../../../agent/service/createAppService.js";
import type { ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { dualHidpi } from "../../support/displayLayouts.js";
import { ScriptedDecider, call } from "../loop/support/ScriptedDecider.js";

// Two copies of the loop's limits had drifted apart (120 s and 30 minutes in the loop's defaults,
// 180 s and an hour where the app and `deskpilot run` started runs): one copy now, and the run
// record shows the limits a run really got.
test("a run the app starts gets the loop's one set of limits, and its record says so", async () => {
  const home = await mkdtemp(join(tmpdir(), "deskpilot-runlimits-"));
  const service = createAppService({
    screen: new FakeScreenSource(dualHidpi),
    input: new FakeInputDriver({ x: 600, y: 300 }),
    env: { DESKPILOT_HOME: home },
    createDecider: async () => new ScriptedDecider([call({ action: "terminate", status: "success" })]),
  });
  try {
    const { runId } = await service.startRun("nothing to do");
    await new Promise<ServiceEventOf<"run-state">>((resolve) => {
      const stop = service.on("run-state", (e) => e.runId === runId && e.state === "finished" && (stop(), resolve(e)));
    });
    const { start } = readRunLog(join(home, "runs", runId));
    assert.ok(start);
    for (const [key, value] of Object.entries(RUN_LIMITS)) assert.equal(start.settings[key], value, key);
    assert.equal(defaultAgentOptions.stepTimeoutMs, 180_000);
    assert.equal(defaultAgentOptions.runTimeoutMs, 3_600_000);
  } finally {
    await service.dispose();
    await rm(home, { recursive: true, force: true });
  }
});
