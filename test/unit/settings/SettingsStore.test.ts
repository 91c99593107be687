import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { defaultSettings, SETTINGS_VERSION } from "../../../agent/settings/settingsSchema.js";

function tempStore(): { store: SettingsStore; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-settings-"));
  const path = join(dir, "settings.json");
  return { store: new SettingsStore(path), dir, path };
}

describe("SettingsStore", () => {
  test("a missing file reads as the defaults: local-only on, the 3B model, no endpoint", async () => {
    const { store, dir } = tempStore();
    const loaded = await store.load();
    assert.deepEqual(loaded.settings, defaultSettings());
    assert.equal(loaded.settings.localOnly, true);
    assert.equal(loaded.settings.model.id, "qwen2.5-vl-3b");
    assert.deepEqual(loaded.issues, []);
    rmSync(dir, { recursive: true });
  });

  test("round trip: what update writes, load reads back, and the file is formatted JSON", async () => {
    const { store, dir, path } = tempStore();
    await store.update((s) => ({
      ...s,
      zoom: false,
      engine: { ...s.engine, gpuLayers: 12 },
      endpoint: { preset: "vllm", baseUrl: "http://127.0.0.1:8000/v1", model: "qwen" },
    }));
    const again = await new SettingsStore(path).load();
    assert.equal(again.settings.zoom, false);
    assert.equal(again.settings.engine.gpuLayers, 12);
    assert.equal(again.settings.endpoint?.preset, "vllm");
    assert.deepEqual(again.issues, []);
    assert.match(readFileSync(path, "utf8"), /\n {2}"zoom": false,/);
    rmSync(dir, { recursive: true });
  });

  test("the grounding prompt: json by default, tool-call when chosen, anything else refused", async () => {
    const { store, dir, path } = tempStore();
    assert.equal(defaultSettings().groundingPrompt, "json");
    await store.update((s) => ({ ...s, groundingPrompt: "tool-call" }));
    assert.equal((await new SettingsStore(path).load()).settings.groundingPrompt, "tool-call");
    await assert.rejects(
      store.update((s) => ({ ...s, groundingPrompt: "xml" as "json" })),
      { code: "INVALID_SETTING" },
    );
    rmSync(dir, { recursive: true });
  });

  test("an invalid change is refused and the file stays as it was", async () => {
    const { store, dir, path } = tempStore();
    await store.update((s) => ({ ...s, zoom: false }));
    const before = readFileSync(path, "utf8");
    await assert.rejects(
      store.update((s) => ({ ...s, imageTokens: { min: 5000, max: 100 } })),
      { code: "INVALID_SETTING" },
    );
    assert.equal(readFileSync(path, "utf8"), before);
    rmSync(dir, { recursive: true });
  });

  test("a corrupt file is reported, backed up and reset to defaults", async () => {
    const { store, dir, path } = tempStore();
    writeFileSync(path, '{"zoom": false, "localOnly": fal');
    const loaded = await store.load();
    assert.deepEqual(loaded.settings, defaultSettings());
    assert.match(loaded.issues[0] ?? "", /not valid JSON.*reset to defaults/);
    assert.ok(loaded.backup && readFileSync(loaded.backup, "utf8").includes("fal"), "the broken original is kept");
    assert.deepEqual(JSON.parse(readFileSync(path, "utf8")), defaultSettings());
    rmSync(dir, { recursive: true });
  });

  test("invalid values are repaired one by one, keeping the user's valid values", async () => {
    const { store, dir } = tempStore();
    writeFileSync(
      join(dir, "settings.json"),
      JSON.stringify({
        version: SETTINGS_VERSION,
        zoom: false,
        localOnly: "yes",
        engine: { gpuLayers: "lots", contextSize: 16384 },
        policy: { allowApps: ["firefox"], confirmRisky: 3 },
        hubEndpoint: "not a url",
        colour: "blue",
      }),
    );
    const { settings, issues } = await store.load();
    assert.equal(settings.zoom, false);
    assert.equal(settings.engine.contextSize, 16384);
    assert.deepEqual(settings.policy.allowApps, ["firefox"]);
    assert.equal(settings.localOnly, true, "an unreadable localOnly falls back to on, never off");
    assert.equal(settings.engine.gpuLayers, "auto");
    assert.equal(settings.policy.confirmRisky, true);
    assert.equal(settings.hubEndpoint, "https://huggingface.co");
    for (const path of ["localOnly", "engine.gpuLayers", "policy.confirmRisky", "hubEndpoint", "colour"]) {
      assert.ok(
        issues.some((i) => i.startsWith(`${path}:`)),
        `reports ${path}: ${issues.join(" | ")}`,
      );
    }
    assert.equal((await store.load()).issues.length, 0, "the repaired file was written back");
    rmSync(dir, { recursive: true });
  });

  test("a version-1 (flat) file is migrated, keeping its values", async () => {
    const { store, dir, path } = tempStore();
    writeFileSync(
      path,
      JSON.stringify({
        modelId: "qwen2.5-vl-7b",
        gpuLayers: 20,
        minImageTokens: 512,
        maxImageTokens: 2048,
        endpointUrl: "http://127.0.0.1:1234/v1",
        localOnly: false,
      }),
    );
    const { settings, issues, backup } = await store.load();
    assert.equal(settings.version, SETTINGS_VERSION);
    assert.equal(settings.model.id, "qwen2.5-vl-7b");
    assert.equal(settings.engine.gpuLayers, 20);
    assert.deepEqual(settings.imageTokens, { min: 512, max: 2048 });
    assert.equal(settings.endpoint?.baseUrl, "http://127.0.0.1:1234/v1");
    assert.equal(settings.localOnly, false);
    assert.match(issues[0] ?? "", /migrated from settings version 1/);
    assert.ok(backup?.includes(".v1-"));
    rmSync(dir, { recursive: true });
  });

  test("concurrent updates in one process all land", async () => {
    const { store, dir, path } = tempStore();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.update((s) => ({ ...s, policy: { ...s.policy, allowApps: [...s.policy.allowApps, `app${i}`] } }))),
    );
    const apps = (await new SettingsStore(path).load()).settings.policy.allowApps;
    assert.equal(apps.length, 20);
    rmSync(dir, { recursive: true });
  });

  test("concurrent updates from three processes all land, and no temp or lock file is left", async () => {
    const { dir, path } = tempStore();
    const worker = fileURLToPath(new URL("./support/appendApps.js", import.meta.url));
    await Promise.all(
      ["a", "b", "c"].map(
        (tag) =>
          new Promise<void>((resolve, reject) => {
            execFile(process.execPath, [worker, path, tag, "15"], { timeout: 30_000 }, (error, _out, stderr) =>
              error ? reject(new Error(stderr)) : resolve(),
            );
          }),
      ),
    );
    const apps = (await new SettingsStore(path).load()).settings.policy.allowApps;
    assert.equal(apps.length, 45);
    assert.deepEqual(readdirSync(dir), ["settings.json"]);
    rmSync(dir, { recursive: true });
  });
});
