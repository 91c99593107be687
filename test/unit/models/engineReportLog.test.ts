import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lastEngineReport, recordEngineReport, type RecordedEngineReport } from "../../../agent/models/engineReportLog.js";
import type { EngineReport } from "../../../agent/vision/EngineReport.js";

const report = (layers: number): EngineReport => ({
  backend: "vulkan",
  devices: [],
  text: { layersOffloaded: layers, layersTotal: 37, devices: ["Vulkan0"] },
  vision: { backend: "Vulkan0" },
  notes: [],
});
const entry = (modelPath: string, layers: number, at = "2026-12-02T13:00:00.000Z"): RecordedEngineReport => ({
  modelPath,
  mmprojPath: `${modelPath}.mmproj`,
  at,
  report: report(layers),
});

test("each model file keeps its newest load's report, and at most 20 files are kept", () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-reports-"));
  try {
    const path = join(dir, "nested", "engine-reports.json");
    assert.equal(lastEngineReport("/m/a.gguf", path), undefined, "nothing recorded yet");
    assert.ok(recordEngineReport(entry("/m/a.gguf", 10), path));
    assert.ok(recordEngineReport(entry("/m/b.gguf", 37), path));
    assert.ok(recordEngineReport(entry("/m/a.gguf", 30, "2026-12-02T14:00:00.000Z"), path));
    assert.equal(lastEngineReport("/m/a.gguf", path)?.report.text.layersOffloaded, 30);
    assert.equal(lastEngineReport("/m/b.gguf", path)?.report.text.layersOffloaded, 37);
    for (let i = 0; i < 25; i++) recordEngineReport(entry(`/m/x${i}.gguf`, i), path);
    assert.equal((JSON.parse(readFileSync(path, "utf8")) as unknown[]).length, 20);
    assert.equal(lastEngineReport("/m/a.gguf", path), undefined, "the oldest went first");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a corrupt file reads as empty, and a path that cannot be written never throws", () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-reports-"));
  try {
    const path = join(dir, "engine-reports.json");
    writeFileSync(path, "{not json");
    assert.equal(lastEngineReport("/m/a.gguf", path), undefined);
    assert.ok(recordEngineReport(entry("/m/a.gguf", 2), path), "a corrupt file is replaced");
    assert.equal(lastEngineReport("/m/a.gguf", path)?.report.text.layersOffloaded, 2);
    // a file where the folder should be: nothing can be written under it, and the load goes on
    assert.equal(recordEngineReport(entry("/m/a.gguf", 3), join(path, "inner.json")), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
