import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunsController } from "../../../agent/loop/RunsController.js";
import { defaultAgentOptions } from "../../../agent/loop/AgentPorts.js";
import { LocalMacros } from "../../../agent/macros/LocalMacros.js";
import { ConfirmBroker } from "../../../agent/policy/ConfirmBroker.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import { MemoryRunStore } from "../../../agent/runs/RunStore.js";
import { LocalService } from "../../../agent/service/LocalService.js";
import { createDispatcher } from "../../../agent/service/createDispatcher.js";
import type { ServiceEvent, ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { ColourScreen } from "../loop/support/ColourScreen.js";
import { ScriptedDecider, call } from "../loop/support/ScriptedDecider.js";
import { TestClock } from "../loop/support/TestClock.js";
import { DISPLAY } from "../loop/support/loopHarness.js";
import { FakeClock } from "../macros/support/SceneScreen.js";
import { display, sampleMacro } from "../macros/support/sampleMacro.js";

type Request = ServiceEventOf<"confirm-request">;

/** The app's wiring (createAppService): a run and a replay ask through the service's one broker. */
function appLikeService(library: string) {
  const events: ServiceEvent[] = [];
  const confirms = new ConfirmBroker((e) => service.emit(e));
  const runInput = new FakeInputDriver({ x: 5, y: 5 });
  const runs = new RunsController(
    {
      screen: new ColourScreen(DISPLAY, () => [runInput.calls.length % 256, 0, 0]),
      input: runInput,
      clock: new TestClock(),
      store: new MemoryRunStore(),
      createDecider: async () => new ScriptedDecider([call({ action: "key", keys: ["alt", "f4"] }), call({ action: "terminate", status: "success" })]),
      defaults: {
        ...defaultAgentOptions,
        policy: defaultSafetyPolicy,
        bounds: { minImageTokens: 64, maxImageTokens: 256 },
        settle: { timeoutMs: 300, intervalMs: 100, minChangedPixels: 40 },
      },
      failSafePollMs: 0,
    },
    (e) => service.emit(e),
    confirms,
  );
  const macroScreen = new FakeScreenSource([{ ...display, name: "fake", primary: true }]);
  const macroInput = new FakeInputDriver();
  const macros = new LocalMacros({ screen: macroScreen, input: macroInput, clock: new FakeClock(), library, onEvent: (e) => service.emit(e), confirms });
  const service: LocalService = new LocalService(macroScreen, macroInput, { runs, confirms, macros: { api: macros, library } });
  service.onAny((e) => events.push(e));
  return { service, runs, events, runInput, macroInput, call: createDispatcher(service) };
}

test("answerConfirm is one route: a replay's answer reaches the replay and a run's the run, by request id, while both wait", async () => {
  const library = mkdtempSync(join(tmpdir(), "confirm-routing-"));
  try {
    const risky = sampleMacro();
    (risky.steps[0] as { target: { description: string } }).target.description = "the Delete button";
    writeFileSync(join(library, "risky.json"), JSON.stringify(risky));
    const { service, runs, events, runInput, macroInput, call } = appLikeService(library);
    const asked: Request[] = [];
    service.on("confirm-request", (e) => asked.push(e));
    const askedSoFar = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (asked.length >= n ? resolve() : setTimeout(check, 5));
        check();
      });

    const { runId } = await runs.startRun("close it");
    await askedSoFar(1);
    const replay = call("playMacro", [{ name: "risky", fast: true, variables: { city: "Oslo" } }]);
    await askedSoFar(2);
    const run = asked.find((e) => e.source === "run");
    const macro = asked.find((e) => e.source === "macro");
    assert.ok(run && macro, JSON.stringify(asked));
    assert.equal(run.runId, runId);
    const playing = events.find((e): e is ServiceEventOf<"macro-state"> => e.type === "macro-state" && e.state === "playing");
    assert.equal(macro.runId, playing?.runId, "the replay's question names the replay");

    // Yes to the replay, no to the run, through the same dispatcher method.
    assert.deepEqual(await call("answerConfirm", [macro.requestId, true]), { ok: true, value: undefined });
    const report = await replay;
    assert.ok(report.ok && (report.value as { ok: boolean }).ok, JSON.stringify(report));
    assert.equal(macroInput.calls[0]?.kind, "click", "the replay's allowed click went out");
    assert.equal(await runs.runState(runId), "running", "the run still waits for its own answer");
    assert.deepEqual(await call("answerConfirm", [run.requestId, false]), { ok: true, value: undefined });
    assert.equal((await runs.result(runId)).status, "success");
    assert.equal(runInput.calls.length, 0, "the run's refused key was not sent");

    assert.deepEqual(
      events.filter((e) => e.type === "confirm-answered"),
      [
        { type: "confirm-answered", source: "macro", runId: macro.runId, requestId: macro.requestId, allowed: true },
        { type: "confirm-answered", source: "run", runId, requestId: run.requestId, allowed: false },
      ],
    );
    const unknown = await call("answerConfirm", [run.requestId, true]);
    assert.deepEqual(unknown.ok ? undefined : unknown.error.code, "UNKNOWN_REQUEST", "an answered request is unknown now");
    await service.dispose();
  } finally {
    rmSync(library, { recursive: true, force: true });
  }
});

test("a service built without the confirmations answers answerConfirm with UNKNOWN_METHOD", async () => {
  const screen = new FakeScreenSource([DISPLAY]);
  const reply = await createDispatcher(new LocalService(screen, new FakeInputDriver()), () => undefined)("answerConfirm", ["q", true]);
  assert.deepEqual(reply.ok ? undefined : reply.error.code, "UNKNOWN_METHOD");
});
