import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineReportsPath, recordEngineReport } from "../../../agent/models/engineReportLog.js";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { tinyPair } from "../../support/tinyPair.js";

// models list and the Models screen say where the selected model last ran without loading it:
// the report its last load recorded, for that model's file only.
test("the model list carries the selected model's last engine report, as one line", async () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-lastload-"));
  try {
    const env = { DESKPILOT_HOME: home };
    const api = new LocalModelsApi({
      store: new SettingsStore(join(home, "settings.json")),
      env,
      detect: async () => ({
        gpu: "vulkan",
        gpuNames: ["AMD Radeon RX 7600 (RADV NAVI33)"],
        vramTotal: 8e9,
        vramFree: 7e9,
        unifiedMemory: false,
        gpuNotes: [],
        ramTotal: 32e9,
        ramFree: 20e9,
      }),
    });
    const model = join(home, "qwen-tiny.gguf");
    const mmproj = join(home, "mmproj-qwen-tiny.gguf");
    writeFileSync(model, tinyPair().model);
    writeFileSync(mmproj, tinyPair().mmproj);
    await api.useModel({ model, mmproj });
    assert.equal((await api.listModels()).lastLoad, undefined, "never loaded here");
    recordEngineReport(
      {
        modelPath: "/elsewhere/other.gguf",
        mmprojPath: "/elsewhere/mmproj.gguf",
        at: "2026-12-02T12:00:00.000Z",
        report: {
          backend: "cpu",
          devices: [],
          text: { layersOffloaded: 0, layersTotal: 37, devices: [] },
          vision: { backend: "CPU" },
          notes: [],
        },
      },
      engineReportsPath(env),
    );
    assert.equal((await api.listModels()).lastLoad, undefined, "another model's load says nothing about this one");
    recordEngineReport(
      {
        modelPath: model,
        mmprojPath: mmproj,
        at: "2026-12-02T13:00:00.000Z",
        report: {
          backend: "vulkan",
          devices: [{ name: "Vulkan0", description: "AMD Radeon RX 7600 (RADV NAVI33)", type: "gpu", memoryFree: 7e9, memoryTotal: 8e9, software: false }],
          text: { layersOffloaded: 30, layersTotal: 37, devices: ["Vulkan0"] },
          vision: { backend: "Vulkan0" },
          notes: ["7.0 GB of GPU memory free is not enough for the whole text model: 30 of 37 layers on the GPU"],
        },
      },
      engineReportsPath(env),
    );
    const last = (await api.listModels()).lastLoad;
    assert.equal(last?.at, "2026-12-02T13:00:00.000Z");
    assert.equal(
      last?.summary,
      "Vulkan0: AMD Radeon RX 7600 (RADV NAVI33) through Vulkan · text layers on the GPU 30/37 · vision encoder on Vulkan0 · 7.0 GB of GPU memory free is not enough for the whole text model: 30 of 37 layers on the GPU",
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
