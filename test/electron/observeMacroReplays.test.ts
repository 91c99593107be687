import { test } from "node:test";
import assert from "node:assert/strict";
import { observeMacroReplays } from "../../electron/main/observeMacroReplays.js";
import { createDispatcher } from "../../agent/service/createDispatcher.js";
import { LocalService } from "../../agent/service/LocalService.js";
import type { MacrosApi } from "../../agent/macros/MacrosApi.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { dualHidpi } from "../support/displayLayouts.js";

/** A macros slice whose replay waits for the test to end it. */
function macrosSlice(log: string[]) {
  let finish: (fail?: Error) => void = () => {};
  const api = {
    playMacro: (request: { path: string }) => {
      log.push(`play ${request.path}`);
      return new Promise((resolve, reject) => (finish = (fail) => (fail ? reject(fail) : resolve({ status: "done" }))));
    },
  } as unknown as MacrosApi;
  return { api, end: (fail?: Error) => finish(fail) };
}

test("a replay through the transport's dispatcher is reported as it starts and when it ends, also on failure", async () => {
  const log: string[] = [];
  const macros = macrosSlice(log);
  const service = new LocalService(new FakeScreenSource(dualHidpi), new FakeInputDriver(), { macros: { api: macros.api, library: "/lib" } });
  const observed = observeMacroReplays(service, { started: () => log.push("started"), ended: () => log.push("ended") });
  const dispatch = createDispatcher(observed);

  const first = dispatch("playMacro", [{ name: "login" }]);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log, ["started", "play /lib/login.json"]);
  macros.end();
  assert.ok((await first).ok);
  assert.deepEqual(log.slice(2), ["ended"]);

  const second = dispatch("playMacro", [{ name: "broken" }]);
  await new Promise((r) => setImmediate(r));
  macros.end(new Error("target not found"));
  assert.equal((await second).ok, false);
  assert.deepEqual(log.slice(3), ["started", "play /lib/broken.json", "ended"]);
});

test("everything else passes through to the same service", async () => {
  const service = new LocalService(new FakeScreenSource(dualHidpi), new FakeInputDriver());
  const observed = observeMacroReplays(service, { started: () => assert.fail("no replay"), ended: () => {} });
  assert.deepEqual(await observed.listDisplays(), await service.listDisplays());
  const events: string[] = [];
  observed.onAny((e) => events.push(e.type));
  service.emit({ type: "error", error: { code: "X", message: "y" } });
  assert.deepEqual(events, ["error"]);
  assert.equal(observed.slices, service.slices);
});
