import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunsController, type RunEnvironment } from "../../../agent/loop/RunsController.js";
import { defaultAgentOptions } from "../../../agent/loop/AgentPorts.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import { MemoryRunStore } from "../../../agent/runs/RunStore.js";
import { FileRunStore } from "../../../agent/runs/FileRunStore.js";
import { FileRunHistory } from "../../../agent/runs/FileRunHistory.js";
import { readRunLog } from "../../../agent/runs/readRunLog.js";
import { renderReport } from "../../../agent/runs/renderReport.js";
import { DeskPilotError } from "../../../agent/errors/DeskPilotError.js";
import { EventHub } from "../../../agent/service/EventHub.js";
import type { ServiceEvent } from "../../../agent/service/ServiceEvents.js";
import { CornerFailSafe } from "../../../agent/loop/CornerFailSafe.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { ColourScreen } from "./support/ColourScreen.js";
import { ScriptedDecider, call, type Answer } from "./support/ScriptedDecider.js";
import { TestClock } from "./support/TestClock.js";
import { DISPLAY } from "./support/loopHarness.js";

function controller(answers: Answer[], extra: Partial<RunEnvironment> = {}) {
  const input = new FakeInputDriver({ x: 5, y: 5 });
  const hub = new EventHub();
  const events: ServiceEvent[] = [];
  hub.onAny((e) => events.push(e));
  const decider = new ScriptedDecider(answers);
  const env: RunEnvironment = {
    screen: new ColourScreen(DISPLAY, () => [input.calls.length % 256, 0, 0]),
    input,
    clock: new TestClock(),
    store: new MemoryRunStore(),
    createDecider: async () => decider,
    defaults: {
      ...defaultAgentOptions,
      policy: defaultSafetyPolicy,
      bounds: { minImageTokens: 64, maxImageTokens: 256 },
      settle: { timeoutMs: 300, intervalMs: 100, minChangedPixels: 40 },
    },
    failSafePollMs: 0,
    ...extra,
  };
  const runs = new RunsController(env, (e) => hub.emit(e));
  return { runs, hub, events, input, decider };
}

describe("RunsController (the service's runs slice)", () => {
  test("a run reports its states and steps as service events and ends with its status", async () => {
    const { runs, events, decider } = controller([call({ action: "left_click", coordinate: [10, 10] }), call({ action: "terminate", status: "success" })]);
    const { runId } = await runs.startRun("click it");
    assert.equal(await runs.runState(runId), "running");
    const result = await runs.result(runId);
    assert.equal(result.status, "success");
    assert.equal(await runs.runState(runId), "finished");
    // (phases and live frames are run-phase and run-frame events, tested in runPhases.test.ts)
    const mine = events.filter((e) => (e.type === "run-state" || e.type === "run-step") && e.runId === runId);
    assert.deepEqual(
      mine.map((e) => e.type),
      ["run-state", "run-step", "run-step", "run-state"],
    );
    const step = mine[1] as Extract<ServiceEvent, { type: "run-step" }>;
    assert.equal(step.outcome, "done");
    assert.deepEqual(step.action, { action: "left_click", coordinate: [24, 25] });
    assert.equal((mine[3] as { status?: string }).status, "success");
    assert.equal(decider.disposed, true, "the run's decider is disposed with it");
  });

  test("confirmations go out as confirm-request events, come back through answerConfirm, and every client hears the answer", async () => {
    for (const allow of [true, false]) {
      const { runs, hub, input, events } = controller([call({ action: "key", keys: ["alt", "f4"] }), call({ action: "terminate", status: "success" })]);
      let requestId = "";
      hub.on("confirm-request", (e) => {
        assert.match(e.reason, /alt\+f4/);
        requestId = e.requestId;
        void runs.answerConfirm(e.requestId, allow);
      });
      const { runId } = await runs.startRun("close it");
      await runs.result(runId);
      assert.equal(input.calls.length, allow ? 1 : 0);
      // Another window showing the same question closes it on this event.
      assert.deepEqual(
        events.filter((e) => e.type === "confirm-answered"),
        [{ type: "confirm-answered", source: "run", runId, requestId, allowed: allow }],
      );
    }
  });

  test("pause, resume and stop through the API; a stop while a confirmation is open sends nothing and closes the question", async () => {
    const { runs, hub, input, events } = controller([call({ action: "key", keys: ["ctrl", "q"] })]);
    const states: string[] = [];
    hub.on("run-state", (e) => states.push(e.state));
    hub.on("confirm-request", (e) => {
      void (async () => {
        await runs.pauseRun(e.runId);
        await runs.resumeRun(e.runId);
        await runs.stopRun(e.runId);
        await assert.rejects(runs.answerConfirm(e.requestId, true), /No open confirmation/);
      })();
    });
    const { runId } = await runs.startRun("quit");
    const result = await runs.result(runId);
    assert.equal(result.status, "stopped");
    assert.equal(input.calls.length, 0);
    assert.deepEqual(states, ["running", "paused", "running", "stopping", "finished"]);
    assert.deepEqual(
      events.filter((e) => e.type === "confirm-answered").map((e) => "allowed" in e && e.allowed),
      [false],
    );
  });

  test("the fail-safe corner, polled during a slow generation, stops the run", async () => {
    const inner = new FakeInputDriver({ x: 640, y: 400 });
    const input = new CornerFailSafe(inner, async () => [DISPLAY]);
    const hang: Answer = (r) =>
      new Promise((_, reject) => {
        inner.pointer = { x: 1279, y: 0 }; // the user shoves the mouse into the top-right corner
        r.signal.addEventListener("abort", () => reject(r.signal.reason), { once: true });
      });
    const { runs } = controller([hang], { input, failSafe: input.check, failSafePollMs: 20 });
    const { runId } = await runs.startRun("anything");
    const result = await runs.result(runId);
    assert.equal(result.status, "stopped");
    assert.match(result.reason, /corner/);
    assert.equal(inner.calls.length, 0);
  });

  test("the agent's own click in a corner does not trip the fail-safe", async () => {
    const inner = new FakeInputDriver({ x: 640, y: 400 });
    const input = new CornerFailSafe(inner, async () => [DISPLAY]);
    await input.click({ x: 0, y: 0 }, "left", 1);
    assert.equal(await input.check(), undefined);
    inner.pointer = { x: 1279, y: 799 };
    assert.match((await input.check())!, /corner/);
  });

  test("a stop while the model loads ends the run as stopped; a load failure ends it as an error with the reason", async () => {
    let loading!: () => void;
    const started = new Promise<void>((r) => (loading = r));
    const slow = controller([], {
      createDecider: (signal) => (
        loading(),
        new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("load aborted")), { once: true }))
      ),
    });
    const { runId } = await slow.runs.startRun("anything");
    await started;
    await slow.runs.stopRun(runId);
    assert.deepEqual([(await slow.runs.result(runId)).status, (await slow.runs.result(runId)).reason], ["stopped", "stopped by the user"]);
    const broken = controller([], { createDecider: async () => Promise.reject(new Error("the text model file x.gguf does not exist")) });
    const r = await broken.runs.result((await broken.runs.startRun("anything")).runId);
    assert.equal(r.status, "error");
    assert.match(r.reason, /does not exist/);
    assert.equal((broken.events.at(-1) as { status?: string }).status, "error");
  });

  test("a run whose model fails to load still has its task on record: History, the log reader and the report show it", async () => {
    const root = await mkdtemp(join(tmpdir(), "deskpilot-loadfail-"));
    try {
      const { runs } = controller([], {
        store: new FileRunStore(root),
        createDecider: async () => Promise.reject(new Error("the engine could not load x.gguf")),
      });
      const { runId } = await runs.startRun("rename the report to final.pdf");
      const result = await runs.result(runId);
      assert.equal(result.status, "error");
      const [summary] = await new FileRunHistory(root).listRuns();
      assert.equal(summary!.task, "rename the report to final.pdf");
      assert.deepEqual([summary!.status, summary!.steps], ["error", 0]);
      const detail = await new FileRunHistory(root).getRun(runId);
      assert.equal(detail.display?.id, DISPLAY.id, "the start line carries the display, as for any run");
      const log = readRunLog(join(root, runId));
      assert.equal(log.start?.task, "rename the report to final.pdf");
      assert.match(log.end!.reason, /could not load x\.gguf/);
      assert.match(await renderReport(log), /rename the report to final\.pdf/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test("a failed preflight (no model installed) rejects startRun with its code, and no run or record is made", async () => {
    const store = new MemoryRunStore();
    let loads = 0;
    const { runs, events } = controller([], {
      store,
      preflight: async () => Promise.reject(new DeskPilotError("MODEL_NOT_INSTALLED", "qwen2.5-vl-3b is not downloaded yet")),
      createDecider: async () => (loads++, Promise.reject(new Error("not reached"))),
    });
    await assert.rejects(runs.startRun("anything"), (e: DeskPilotError) => e.code === "MODEL_NOT_INSTALLED");
    assert.equal(store.runs.size, 0);
    assert.equal(loads, 0);
    assert.deepEqual(events, []);
    assert.deepEqual(await runs.activeRuns(), []);
  });

  test("activeRuns lists a going run with its open confirmation, which can be answered from it; finished runs leave the list", async () => {
    const { runs, hub, input } = controller([call({ action: "key", keys: ["alt", "f4"] }), call({ action: "terminate", status: "success" })]);
    const asked = new Promise<Extract<ServiceEvent, { type: "confirm-request" }>>((resolve) => hub.on("confirm-request", resolve));
    const { runId } = await runs.startRun("close the window", { dryRun: false });
    const request = await asked;
    // A client that connects now (a reloaded panel) learns what the event said.
    const active = await runs.activeRuns();
    const { phase, frame: _frame, ...listed } = active[0]!;
    assert.deepEqual(
      [listed],
      [
        {
          runId,
          task: "close the window",
          state: "running",
          dryRun: false,
          confirms: [{ requestId: request.requestId, action: request.action, reason: request.reason }],
        },
      ],
    );
    assert.deepEqual([phase?.phase, phase?.step], ["confirming", 1], "and that it waits on the answer");
    await runs.answerConfirm(active[0]!.confirms[0]!.requestId, true);
    assert.equal((await runs.result(runId)).status, "success");
    assert.equal(input.calls.length, 1, "the allowed key went out");
    assert.deepEqual(await runs.activeRuns(), []);
  });

  test("an empty task is bad usage; unknown runs and requests say so", async () => {
    const { runs } = controller([]);
    await assert.rejects(runs.startRun("  "), /task is empty/);
    await assert.rejects(runs.pauseRun("nope"), /No run nope/);
  });
});
