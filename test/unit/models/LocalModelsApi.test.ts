import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import { MODEL_CATALOG } from "../../../agent/models/modelCatalog.js";
import { LOADABLE_ARCHITECTURES, whyNotRunnable } from "../../../agent/models/whyNotRunnable.js";
import type { DownloadProgress } from "../../../agent/models/DownloadProgress.js";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { FakeHub } from "../../support/fakeHub.js";
import { tinyPair } from "../../support/tinyPair.js";

const REPO = "ggml-org/Qwen2.5-VL-3B-Instruct-GGUF";

describe("LocalModelsApi (the service's models and settings slices)", { timeout: 120_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-api-"));
  const hub = new FakeHub();
  const events: DownloadProgress[] = [];
  let api: LocalModelsApi;

  before(async () => {
    await hub.start();
    hub.add(REPO, "Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf", tinyPair().model);
    hub.add(REPO, "mmproj-Qwen2.5-VL-3B-Instruct-f16.gguf", tinyPair().mmproj);
    api = new LocalModelsApi({
      store: new SettingsStore(join(home, "settings.json")),
      env: { DESKPILOT_HOME: home, HF_ENDPOINT: hub.url },
      emitProgress: (p) => events.push(p),
    });
  });
  after(async () => {
    await hub.close();
    rmSync(home, { recursive: true, force: true });
  });

  test("updateSettings merges a patch one level deep and refuses an invalid one", async () => {
    const s = await api.updateSettings({ engine: { gpuLayers: 10 }, zoom: false });
    assert.deepEqual(s.engine, { gpuLayers: 10, contextSize: "auto", threads: 0 });
    assert.equal(s.zoom, false);
    await assert.rejects(api.updateSettings({ imageTokens: { min: 9000 } }), { code: "INVALID_SETTING" });
    assert.equal((await api.getSettings()).settings.imageTokens.min, 1024);
  });

  test("null in a patch clears an optional choice, in a section kept or a new one, so its default applies again", async () => {
    let s = await api.updateSettings({ model: { profile: "ui-tars-1.5", coordinates: "relative-1000" }, policy: { inspect: false } });
    assert.deepEqual([s.model.profile, s.model.coordinates, s.policy.inspect], ["ui-tars-1.5", "relative-1000", false]);
    s = await api.updateSettings({ model: { profile: null }, policy: { inspect: null } });
    assert.ok(!("profile" in s.model) && !("inspect" in s.policy), JSON.stringify(s));
    assert.equal(s.model.coordinates, "relative-1000", "what the patch did not name stays");
    s = await api.updateSettings({ endpoint: { preset: "llama-server", baseUrl: "http://127.0.0.1:8080/v1", model: "m", profile: null, coordinates: null } });
    assert.deepEqual(s.endpoint, { preset: "llama-server", baseUrl: "http://127.0.0.1:8080/v1", model: "m" });
    await api.updateSettings({ model: { coordinates: null }, endpoint: null });
  });

  test("the selected model is not installed: a message that says how to get it", async () => {
    await assert.rejects(api.activeModel(), { code: "MODEL_NOT_INSTALLED", message: /deskpilot models pull qwen2\.5-vl-3b` \(about 3\.2 GB\)/ });
  });

  test("cancelPull stops a running pull; a new pull then installs it and it becomes the active model", async () => {
    hub.stallAfterBytes(1 << 20);
    const pulling = api.pullModel("qwen2.5-vl-3b");
    while (!events.some((e) => e.phase === "downloading")) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await api.cancelPull("qwen2.5-vl-3b"), true);
    await assert.rejects(pulling, { code: "DOWNLOAD_CANCELLED" });
    hub.release(true);
    assert.deepEqual(
      readdirSync(join(home, "models", "qwen2.5-vl-3b")).filter((f) => f.endsWith(".ipull")),
      [],
    );
    assert.equal(await api.cancelPull("qwen2.5-vl-3b"), false);
    const installed = await api.pullModel("qwen2.5-vl-3b");
    assert.equal(installed.quant, "Q4_K_M");
    const active = await api.activeModel();
    assert.equal(active.modelPath, installed.modelPath);
    assert.equal(active.profile, "qwen2.5-vl");
    assert.ok(
      events.some((e) => e.phase === "done"),
      "progress reached the service's event",
    );
  });

  test("a catalog model this build cannot run is refused when chosen or pulled, before any download, with why and what to do", async () => {
    for (const entry of MODEL_CATALOG) {
      const why = whyNotRunnable(entry);
      if (!why) continue;
      const refusal = {
        code: "MODEL_NOT_RUNNABLE",
        message: new RegExp(`${entry.id} cannot run in this DeskPilot build: .*(profile|architecture).*models use qwen2\\.5-vl-3b`),
      };
      await assert.rejects(api.useModel({ id: entry.id }), refusal);
      hub.requests.length = 0;
      await assert.rejects(api.pullModel(entry.id), refusal);
      assert.deepEqual(hub.requests, [], "the hub was not asked");
    }
    // Until the engine loads qwen3vl, the Qwen3-VL family is listed but not runnable.
    const qwen3 = whyNotRunnable(MODEL_CATALOG.find((e) => e.id === "qwen3-vl-4b")!);
    if (LOADABLE_ARCHITECTURES.includes("qwen3vl")) assert.equal(qwen3, undefined);
    else assert.match(qwen3 ?? "", /architecture is qwen3vl/);
    const runnable = MODEL_CATALOG.filter((e) => !whyNotRunnable(e)).map((e) => e.id);
    assert.ok(runnable.includes("qwen2.5-vl-3b") && runnable.includes("ui-tars-1.5-7b"));
    assert.equal((await api.useModel({ id: "ui-tars-1.5-7b" })).model.id, "ui-tars-1.5-7b");
  });
});
