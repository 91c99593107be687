import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalService } from "../../../agent/service/LocalService.js";
import { createDispatcher } from "../../../agent/service/createDispatcher.js";
import type { ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import type { Reply } from "../../../agent/service/serviceContract.js";
import { RunsController } from "../../../agent/loop/RunsController.js";
import { defaultAgentOptions } from "../../../agent/loop/AgentPorts.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import { MemoryRunStore } from "../../../agent/runs/RunStore.js";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import type { MacroPlayRequest, MacrosApi } from "../../../agent/macros/MacrosApi.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { dualHidpi } from "../../support/displayLayouts.js";
import { TestClock } from "../loop/support/TestClock.js";

const noLog = () => undefined;
const code = (r: Reply<unknown>) => (r.ok ? "ok" : r.error.code);
const ports = () => ({ screen: new FakeScreenSource(dualHidpi, () => [0, 0, 0]), input: new FakeInputDriver({ x: 5, y: 5 }) });

/** A runs slice whose model never finishes loading, so a run stays running until it is stopped. */
function runsRig() {
  const { screen, input } = ports();
  const runs = new RunsController(
    {
      screen,
      input,
      clock: new TestClock(),
      store: new MemoryRunStore(),
      failSafePollMs: 0,
      createDecider: (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true })),
      defaults: {
        ...defaultAgentOptions,
        policy: defaultSafetyPolicy,
        bounds: { minImageTokens: 64, maxImageTokens: 256 },
        settle: { timeoutMs: 300, intervalMs: 100, minChangedPixels: 40 },
      },
    },
    (e) => service.emit(e),
  );
  const service = new LocalService(screen, input, { runs });
  return { service, dispatch: createDispatcher(service, noLog) };
}

/** A macros slice that records the requests it gets. */
class RecordingMacros implements Pick<MacrosApi, "showMacro" | "playMacro" | "stopMacro"> {
  readonly seen: unknown[] = [];
  async showMacro(path: string) {
    this.seen.push(path);
    return { path, name: "m", version: 1, variables: [], steps: [] };
  }
  async playMacro(request: MacroPlayRequest) {
    this.seen.push(request);
    return { ok: true } as never;
  }
  async stopMacro() {}
}

describe("the app service's slices through the dispatcher", () => {
  test("a run started through the dispatcher emits run-state events, and stopRun stops it", async () => {
    const { service, dispatch } = runsRig();
    const states: ServiceEventOf<"run-state">[] = [];
    service.on("run-state", (e) => states.push(e));
    const started = await dispatch("startRun", ["open the editor", { maxSteps: 3 }]);
    assert.ok(started.ok, JSON.stringify(started));
    const { runId } = started.value as { runId: string };
    assert.deepEqual(await dispatch("runState", [runId]), { ok: true, value: "running" });
    const finished = new Promise<void>((resolve) => service.on("run-state", (e) => e.state === "finished" && resolve()));
    assert.equal(code(await dispatch("stopRun", [runId])), "ok");
    await finished;
    assert.deepEqual(
      states.map((e) => e.state),
      ["running", "stopping", "finished"],
    );
    assert.equal((states.at(-1) as { status?: string }).status, "stopped");
    assert.equal(code(await dispatch("stopRun", ["no-such-run"])), "UNKNOWN_RUN");
    assert.equal(code(await dispatch("startRun", ["task", { allowRisky: true }])), "BAD_IPC_ARGUMENTS");
    await service.dispose();
    await service.dispose(); // idempotent
  });

  test("listModels and getSettings answer through the dispatcher", async () => {
    const dir = await mkdtemp(join(tmpdir(), "deskpilot-slices-"));
    try {
      const models = new LocalModelsApi({
        store: new SettingsStore(join(dir, "settings.json")),
        modelsDir: join(dir, "models"),
        env: {},
        detect: async () => ({
          gpu: false,
          gpuNames: [],
          vramTotal: 0,
          vramFree: 0,
          unifiedMemory: false,
          gpuNotes: ["no usable GPU"],
          ramTotal: 16e9,
          ramFree: 8e9,
        }),
      });
      const { screen, input } = ports();
      const dispatch = createDispatcher(new LocalService(screen, input, { models }), noLog);
      const list = await dispatch("listModels", []);
      assert.ok(list.ok, JSON.stringify(list));
      const value = list.value as { modelsDir: string; models: { id: string; selected: boolean }[] };
      assert.equal(value.modelsDir, join(dir, "models"));
      assert.ok(value.models.length > 0);
      assert.equal(value.models.filter((m) => m.selected).length, 1);
      const settings = await dispatch("getSettings", []);
      assert.ok(settings.ok, JSON.stringify(settings));
      assert.equal((settings.value as { settings: { localOnly: boolean } }).settings.localOnly, true);
      assert.equal(code(await dispatch("updateSettings", [{ zoom: false, secret: 1 }])), "BAD_IPC_ARGUMENTS");
      assert.equal(code(await dispatch("pullModel", ["x", { signal: {} }])), "BAD_IPC_ARGUMENTS");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("macros are named, never pathed: a path-like name is refused before the slice sees it", async () => {
    const macros = new RecordingMacros();
    const { screen, input } = ports();
    const library = join(tmpdir(), "deskpilot-macro-library");
    const dispatch = createDispatcher(new LocalService(screen, input, { macros: { api: macros as unknown as MacrosApi, library } }), noLog);
    for (const name of ["../../etc/passwd", "/etc/passwd", "a/b", "..", ".hidden"]) {
      assert.equal(code(await dispatch("showMacro", [name])), "BAD_IPC_ARGUMENTS", name);
      assert.equal(code(await dispatch("playMacro", [{ name }])), "BAD_IPC_ARGUMENTS", name);
    }
    assert.equal(code(await dispatch("playMacro", [{ name: "ok", allowRisky: true }])), "BAD_IPC_ARGUMENTS");
    assert.equal(code(await dispatch("playMacro", [{ path: "/tmp/x.json" }])), "BAD_IPC_ARGUMENTS");
    assert.deepEqual(macros.seen, []);
    assert.equal(code(await dispatch("showMacro", ["daily report"])), "ok");
    assert.deepEqual(macros.seen, [join(library, "daily report.json")]);
  });

  test("a method of a slice the service was built without answers UNKNOWN_METHOD", async () => {
    const { screen, input } = ports();
    const service = new LocalService(screen, input);
    const dispatch = createDispatcher(service, noLog);
    for (const [method, args] of [
      ["startRun", ["task"]],
      ["listModels", []],
      ["listMacros", []],
      ["ground", [{ query: "OK" }]],
    ] as const) {
      assert.equal(code(await dispatch(method, args)), "UNKNOWN_METHOD", method);
    }
    assert.equal(code(await dispatch("listDisplays", [])), "ok");
    await assert.rejects(service.listModels(), { code: "UNKNOWN_METHOD" });
  });
});
