import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppService } from "../../../agent/service/createAppService.js";
import { createDispatcher } from "../../../agent/service/createDispatcher.js";
import type { LocalService } from "../../../agent/service/LocalService.js";
import type { ServiceEvent, ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import { ServiceStopKey, type StartStopKeyHook } from "../../../agent/service/ServiceStopKey.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { singleHd } from "../../support/displayLayouts.js";
import { ScriptedDecider, call, hang } from "../loop/support/ScriptedDecider.js";
import { MACRO_FORMAT, MACRO_VERSION } from "../../../agent/macros/MacroSchema.js";
import { target } from "../macros/support/sampleMacro.js";
import { configuredStopKey } from "../../../agent/settings/configuredStopKey.js";

const noLog = () => undefined;

/** A hook the test presses by hand; it says which key it watches and whether it is up. */
function fakeHook(fails?: string) {
  const hook = { key: undefined as string | undefined, up: false, starts: 0, press: (): void => assert.fail("the hook never started") };
  const start: StartStopKeyHook = async (onStop, key) => {
    hook.starts++;
    if (fails) throw new Error(fails);
    hook.key = key;
    hook.up = true;
    hook.press = () => onStop(`the stop key (${key}) was pressed`);
    return { dispose: async () => void (hook.up = false) };
  };
  return { hook, start };
}

async function service(start: StartStopKeyHook, input: FakeInputDriver, decider: () => ScriptedDecider): Promise<{ service: LocalService; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "deskpilot-stopkey-"));
  // The user chose another stop key in Settings: that one is watched.
  await writeFile(join(dir, "settings.json"), JSON.stringify({ version: 3, hotkeys: { stop: "Ctrl+Alt+Q", pause: "Ctrl+Alt+P" } }));
  const s = createAppService({
    screen: new FakeScreenSource(singleHd, () => [200, 200, 200]),
    input,
    env: { DESKPILOT_HOME: dir },
    log: noLog,
    hardware: async () => ({ gpu: "cuda" }),
    createDecider: async () => decider(),
    stopKey: start,
  });
  return { service: s, dir };
}

const finished = (s: LocalService, runId: string) =>
  new Promise<ServiceEventOf<"run-state">>((resolve) => {
    const stop = s.on("run-state", (e) => e.runId === runId && e.state === "finished" && (stop(), resolve(e)));
  });

describe("the service's stop key (ServiceStopKey): every run the service starts, whatever client started it", () => {
  test("a run started over the transport watches the settings' stop key from before its first input; a press stops it before the next", async () => {
    const { hook, start } = fakeHook();
    const input = new FakeInputDriver({ x: 5, y: 5 });
    let upAtFirstDecision: boolean | undefined;
    const decider = new ScriptedDecider([
      () => ((upAtFirstDecision = hook.up), call({ action: "left_click", coordinate: [100, 100] })),
      hang(() => hook.press()),
      call({ action: "left_click", coordinate: [300, 300] }),
    ]);
    const { service: s, dir } = await service(start, input, () => decider);
    try {
      const reply = await createDispatcher(s, noLog)("startRun", ["click twice"]);
      assert.ok(reply.ok, JSON.stringify(reply));
      const end = await finished(s, (reply.value as { runId: string }).runId);
      assert.equal(hook.key, "Ctrl+Alt+Q", "the settings' hotkeys.stop is the key watched");
      assert.equal(upAtFirstDecision, true, "the hook was up before the run's first step");
      assert.equal(end.status, "stopped");
      assert.equal(end.reason, "the stop key (Ctrl+Alt+Q) was pressed");
      assert.equal(input.calls.filter((c) => c.kind === "click").length, 1, "only the click before the press");
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(hook.up, false, "the hook ends with the last activity");
    } finally {
      await s.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("where the hook cannot start, the run still runs and the panel is told it has no stop key and how else to stop it", async () => {
    const { hook, start } = fakeHook("no X display");
    const input = new FakeInputDriver({ x: 5, y: 5 });
    const { service: s, dir } = await service(start, input, () => new ScriptedDecider([call({ action: "terminate", status: "success" })]));
    const events: ServiceEvent[] = [];
    s.onAny((e) => events.push(e));
    try {
      const { runId } = await s.startRun("finish at once");
      const end = await finished(s, runId);
      assert.equal(end.status, "success");
      assert.equal(hook.starts, 1);
      const warning = events.find((e): e is ServiceEventOf<"error"> => e.type === "error");
      assert.equal(warning?.error.code, "STOP_KEY_UNAVAILABLE");
      assert.match(warning.error.message, /No stop key for this run: Ctrl\+Alt\+Q cannot be watched here \(no X display\)/);
      assert.match(warning.error.message, /Stop button.*corner of the screen/);
      assert.ok(events.indexOf(warning) < events.findIndex((e) => e.type === "run-state"), "said before the run starts");
    } finally {
      await s.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("on a desktop where no global key can be watched (Wayland, acting natively), no hook starts and the warning names what stops a run there", async () => {
    const { hook, start } = fakeHook();
    const warnings: string[] = [];
    const key = new ServiceStopKey({
      key: async () => "Ctrl+Alt+Q",
      stopAll: () => assert.fail("nothing can press a key that is not watched"),
      warn: (m) => warnings.push(m),
      start,
      unavailable: () => "this Wayland desktop lets no program hear keys pressed in other windows, or see the pointer in a screen corner.",
    });
    assert.equal(await key.around(async () => "acted"), "acted", "the activity still runs");
    assert.equal(hook.starts, 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^No stop key for this run: this Wayland desktop lets no program hear keys/);
    assert.match(warnings[0]!, /Stop it with the panel's Stop button\.$/);
    assert.doesNotMatch(warnings[0]!, /pkill/, "a desktop key bound to stop CLI runs does not reach the service's");
    assert.doesNotMatch(warnings[0]!, /push the pointer/);
    await key.dispose();
  });

  test("a macro replay holds the same key from its first step: a press during a wait stops it before the click", async () => {
    const { hook, start } = fakeHook();
    const input = new FakeInputDriver({ x: 5, y: 5 });
    const { service: s, dir } = await service(start, input, () => new ScriptedDecider([]));
    const dispatch = createDispatcher(s, noLog);
    try {
      const macro = {
        format: MACRO_FORMAT,
        version: MACRO_VERSION,
        name: "wait then click",
        variables: {},
        steps: [
          { kind: "wait", ms: 5000 },
          { kind: "click", target: target(300, 200) },
        ],
      };
      assert.ok((await dispatch("saveMacro", ["wait then click", macro])).ok);
      const off = s.on("macro-step", (e) => e.step === 1 && e.outcome === "running" && (off(), hook.press()));
      const reply = await dispatch("playMacro", [{ name: "wait then click", fast: true }]);
      assert.ok(reply.ok, JSON.stringify(reply));
      const report = reply.value as { ok: boolean; reason?: string };
      assert.equal(report.ok, false);
      assert.match(report.reason ?? "", /the stop key \(Ctrl\+Alt\+Q\) was pressed/);
      assert.deepEqual(
        input.calls.filter((c) => c.kind === "click"),
        [],
        "the click after the wait was never sent",
      );
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(hook.up, false, "the hook ends with the replay");
    } finally {
      await s.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("the CLI's --stop-key defaults to the same setting, and to Ctrl+Shift+F9 without one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "deskpilot-stopkey-cli-"));
    try {
      assert.equal(configuredStopKey({ DESKPILOT_HOME: dir }), "Ctrl+Shift+F9");
      await writeFile(join(dir, "settings.json"), JSON.stringify({ version: 3, hotkeys: { stop: "Ctrl+Alt+Q", pause: "Ctrl+Alt+P" } }));
      assert.equal(configuredStopKey({ DESKPILOT_HOME: dir }), "Ctrl+Alt+Q");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
