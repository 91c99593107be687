import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import type { ModelList } from "../../../agent/models/ModelsApi.js";
import type { InstalledModel } from "../../../agent/models/listInstalledModels.js";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { missingModel } from "../../../renderer/src/store/missingModel.js";

// The real models slice's list on an empty models folder: what a fresh install's panel sees.
describe("missingModel (the Task screen's first-run check)", () => {
  let home: string;
  let list: ModelList;
  const noEndpoint = { endpoint: null };

  before(async () => {
    home = mkdtempSync(join(tmpdir(), "deskpilot-missing-model-"));
    const api = new LocalModelsApi({
      store: new SettingsStore(join(home, "settings.json")), modelsDir: join(home, "models"), env: {},
      detect: async () => ({ gpu: false, gpuNames: [], vramTotal: 0, vramFree: 0, unifiedMemory: false, ramTotal: 16e9, ramFree: 12e9 }),
    });
    list = await api.listModels();
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  test("a fresh install has nothing to run: it names the selected model as not downloaded and suggests one to pull, with its size", () => {
    const missing = missingModel(list, noEndpoint);
    assert.ok(missing, "nothing is installed");
    assert.match(missing.reason, /is selected but not downloaded yet/);
    assert.ok(missing.suggestion, "the catalog has a model for this machine");
    assert.ok(list.models.some((m) => m.id === missing.suggestion!.id && m.runnable), "the suggestion is a runnable catalog model");
    assert.ok(missing.suggestion.gigabytes > 0.5, "its download size is given");
  });

  test("the selected model downloaded, files of one's own, or a remote endpoint: nothing is missing", () => {
    const installed = { modelPath: "/m/model.gguf", mmprojPath: "/m/mmproj.gguf" } as InstalledModel;
    const downloaded: ModelList = { ...list, models: list.models.map((m) => (m.selected ? { ...m, installed } : m)) };
    assert.equal(missingModel(downloaded, noEndpoint), undefined);
    assert.equal(missingModel({ ...list, selectedFiles: { model: "/a/m.gguf", mmproj: "/a/p.gguf" } }, noEndpoint), undefined);
    const endpoint = { preset: "custom", baseUrl: "http://127.0.0.1:8080/v1", model: "qwen" } as const;
    assert.equal(missingModel(list, { endpoint }), undefined);
  });

  test("a selected id the catalog does not know is reported as such, not as a download", () => {
    const unknown: ModelList = { ...list, models: list.models.map((m) => ({ ...m, selected: false })) };
    assert.match(missingModel(unknown, noEndpoint)!.reason, /not in this DeskPilot's catalog/);
  });
});
