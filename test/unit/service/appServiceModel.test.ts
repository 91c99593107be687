import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl } from "../../../agent/gguf/generateQwen25Vl.js";
import { createAppService } from "../../../agent/service/createAppService.js";
import type { LocalService } from "../../../agent/service/LocalService.js";
import type { ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { ScriptedEngineHost } from "../../support/ScriptedEngineHost.js";
import { singleHd } from "../../support/displayLayouts.js";
import { call } from "../loop/support/ScriptedDecider.js";

// Issue 12, defect 6: one hosted model per app, shared by runs, grounding, ask and macros.
let home: string;
let files: { model: string; mmproj: string };
before(() => {
  home = mkdtempSync(join(tmpdir(), "deskpilot-appmodel-"));
  files = generateQwen25Vl({ outDir: home, preset: "tiny", type: "f16" });
  writeFileSync(join(home, "settings.json"), JSON.stringify({ version: 2, model: { id: "qwen2.5-vl-3b", files } }));
});
after(() => rmSync(home, { recursive: true, force: true }));

/** Answers a run's step with `terminate`, and a grounding question with a point. */
function scriptedHost() {
  return new ScriptedEngineHost({
    answer: (r) =>
      JSON.stringify(r.messages ?? []).includes("computer_use") ? call({ action: "terminate", status: "success" }) : '{"point_2d": [40, 40], "label": "OK"}',
  });
}

async function runToEnd(service: LocalService, task: string): Promise<ServiceEventOf<"run-state">> {
  const ended = new Promise<ServiceEventOf<"run-state">>((resolve) => {
    const stop = service.on("run-state", (e) => e.state === "finished" && (stop(), resolve(e)));
  });
  await service.startRun(task);
  return ended;
}

test("a run and grounding requests in one app load the model once, and the run's end leaves it loaded", async () => {
  const host = scriptedHost();
  const service = createAppService({
    env: { DESKPILOT_HOME: home },
    screen: new FakeScreenSource(singleHd),
    input: new FakeInputDriver({ x: 5, y: 5 }),
    engineHost: host.spawn,
  });
  try {
    await service.ground({ query: "the OK button", zoom: false });
    assert.equal(host.loads.length, 1);
    const end = await runToEnd(service, "close the dialog");
    assert.equal(end.status, "success", end.reason);
    assert.equal(host.loads.length, 1, "the run borrowed grounding's model");
    await service.ground({ query: "the OK button", zoom: false });
    await service.ask({ question: "What is shown?" });
    assert.equal(host.loads.length, 1, "the run ending left the model loaded");
    assert.ok(!host.processes[0]!.requests.some((r) => r.type === "dispose"), "nothing unloaded it");
    assert.equal(host.processes[0]!.requests.filter((r) => r.type === "generate").length, 4);
  } finally {
    await service.dispose();
  }
  assert.ok(
    host.processes[0]!.requests.some((r) => r.type === "dispose"),
    "the model goes with the service",
  );
});

test("changing a setting that shapes the model reloads it once; other settings do not", async () => {
  const host = scriptedHost();
  const service = createAppService({
    env: { DESKPILOT_HOME: home },
    screen: new FakeScreenSource(singleHd),
    input: new FakeInputDriver({ x: 5, y: 5 }),
    engineHost: host.spawn,
  });
  try {
    await service.ground({ query: "the OK button", zoom: false });
    await service.updateSettings({ zoom: false });
    await service.ground({ query: "the OK button", zoom: false });
    assert.equal(host.loads.length, 1, "zoom does not shape the model");
    await service.updateSettings({ engine: { gpuLayers: 3 } });
    await service.ground({ query: "the OK button", zoom: false });
    const end = await runToEnd(service, "close the dialog");
    assert.equal(end.status, "success", end.reason);
    await service.ground({ query: "the OK button", zoom: false });
    assert.deepEqual(
      host.loads.map((l) => l.gpuLayers),
      ["auto", 3],
      "one reload, with the new layer count",
    );
    assert.ok(
      host.processes[0]!.requests.some((r) => r.type === "dispose"),
      "the old copy was unloaded first",
    );
    await service.updateSettings({ imageTokens: { min: 1024, max: 2048 } });
    await service.ground({ query: "the OK button", zoom: false });
    assert.equal(host.loads.length, 3);
    assert.equal(host.loads[2]!.imageMaxTokens, 2048);
  } finally {
    await service.dispose();
  }
});
