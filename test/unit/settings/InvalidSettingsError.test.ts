import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { InvalidSettingsError } from "../../../agent/settings/InvalidSettingsError.js";
import { createDispatcher } from "../../../agent/service/createDispatcher.js";
import { LocalService } from "../../../agent/service/LocalService.js";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { singleHd } from "../../support/displayLayouts.js";

// A refused settings change names every invalid setting at once, in words, and writes nothing:
// the panel shows each at its field, and the CLI prints the message.
function tempStore() {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-invalid-settings-"));
  return { dir, path: join(dir, "settings.json") };
}

test("every issue of a refused change comes back at its path, in words, and the file is untouched", async (t) => {
  const { dir, path } = tempStore();
  t.after(() => rmSync(dir, { recursive: true }));
  const store = new SettingsStore(path);
  await store.update((s) => ({ ...s, zoom: false }));
  const before = readFileSync(path, "utf8");
  const error = await store
    .update((s) => ({
      ...s,
      engine: { ...s.engine, threads: 5000, gpuLayers: "most" as "max" },
      imageTokens: { min: 2, max: 4096 },
      hubEndpoint: "huggingface",
      hotkeys: { stop: "Ctrl+Alt+Escape", pause: "Ctrl+Alt+Hyper" },
    }))
    .then(
      () => assert.fail("the change was accepted"),
      (e: unknown) => e,
    );
  assert.ok(error instanceof InvalidSettingsError);
  assert.equal(error.code, "INVALID_SETTING");
  const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
  assert.deepEqual(Object.keys(byPath).sort(), ["engine.gpuLayers", "engine.threads", "hotkeys.pause", "hubEndpoint", "imageTokens.min"]);
  assert.equal(byPath["engine.threads"], "must be at most 1024");
  assert.equal(byPath["engine.gpuLayers"], 'must be a number or "auto" or "max"');
  assert.equal(byPath["imageTokens.min"], "must be at least 4");
  assert.match(byPath["hubEndpoint"]!, /must be a full web address such as https:/);
  assert.doesNotMatch(Object.values(byPath).join(" "), /Too (big|small)|expected|received|Invalid input/, "no schema jargon");
  assert.match(error.message, /^5 invalid settings \(.*engine\.threads: must be at most 1024.*\); the settings file was not written$/);
  assert.equal(readFileSync(path, "utf8"), before);
});

test("one issue reads as before, and the issues cross the service's wire with the code and message", async (t) => {
  const { dir, path } = tempStore();
  t.after(() => rmSync(dir, { recursive: true }));
  const models = new LocalModelsApi({ store: new SettingsStore(path), modelsDir: join(dir, "models") });
  const dispatch = createDispatcher(new LocalService(new FakeScreenSource(singleHd), new FakeInputDriver(), { models }), () => {});
  const reply = await dispatch("updateSettings", [{ imageTokens: { min: 3000, max: 2048 } }]);
  assert.deepEqual(reply, {
    ok: false,
    error: {
      code: "INVALID_SETTING",
      message: "invalid setting imageTokens.min: the minimum must not exceed the maximum; the settings file was not written",
      issues: [{ path: "imageTokens.min", message: "the minimum must not exceed the maximum" }],
    },
  });
  // Emptied text passes the contract and is refused by the settings, together with everything else.
  const empty = await dispatch("updateSettings", [{ hotkeys: { stop: "" }, hubEndpoint: "", engine: { threads: 5000 } }]);
  assert.equal(empty.ok, false);
  const paths = !empty.ok ? (empty.error.issues ?? []).map((i) => `${i.path}: ${i.message}`) : [];
  assert.ok(paths.includes("hotkeys.stop: must not be empty"), paths.join(" | "));
  assert.ok(
    paths.some((p) => p.startsWith("hubEndpoint: must be a full web address")),
    paths.join(" | "),
  );
  assert.ok(paths.includes("engine.threads: must be at most 1024"), paths.join(" | "));
  // What the contract itself still refuses (an oversized value) is worded as well.
  const long = await dispatch("updateSettings", [{ hotkeys: { stop: "x".repeat(65) } }]);
  assert.match(!long.ok ? long.error.message : "", /0\.hotkeys\.stop: must be at most 64 characters/);
});
