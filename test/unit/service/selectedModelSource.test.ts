import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import { selectedModelSource } from "../../../agent/service/selectedModelSource.js";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { settingsSchema } from "../../../agent/settings/settingsSchema.js";

const dir = mkdtempSync(join(tmpdir(), "deskpilot-selected-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function api(settings: object): LocalModelsApi {
  const file = join(dir, `settings-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(settings));
  return new LocalModelsApi({ store: new SettingsStore(file), modelsDir: join(dir, "models"), env: {} });
}

describe("the model profile and coordinate space in the settings", () => {
  test("{} is still a valid settings file, and sets neither", () => {
    const s = settingsSchema.parse({});
    assert.equal(s.model.profile, undefined);
    assert.equal(s.endpoint, null);
  });

  test("an endpoint's profile and coordinate space reach its model source", async () => {
    const models = api({
      endpoint: { preset: "custom", baseUrl: "http://127.0.0.1:8000/v1", model: "ui-tars", profile: "ui-tars-1.5", coordinates: "relative-1000" },
    });
    const { source } = await selectedModelSource(models);
    assert.deepEqual([source.kind, source.profile, source.coordinates], ["remote", "ui-tars-1.5", "relative-1000"]);
  });

  test("files the user named run as qwen2.5-vl unless the settings name a profile", async () => {
    const files = { model: join(dir, "a.gguf"), mmproj: join(dir, "b.gguf") };
    assert.equal((await selectedModelSource(api({ model: { id: "qwen2.5-vl-3b", files } }))).source.profile, "qwen2.5-vl");
    assert.equal((await selectedModelSource(api({ model: { id: "qwen2.5-vl-3b", files, profile: "ui-tars-1.5" } }))).source.profile, "ui-tars-1.5");
  });

  test("an unknown profile in the file is refused by the schema", () => {
    assert.equal(settingsSchema.safeParse({ model: { profile: "ui-tars-2" } }).success, false);
  });
});
