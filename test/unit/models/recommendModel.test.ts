import { test, describe } from "node:test";
import assert from "node:assert/strict";
import type { HardwareInfo } from "../../../agent/platform/HardwareInfo.js";
import { findCatalogEntry, findQuant, MODEL_CATALOG } from "../../../agent/models/modelCatalog.js";
import type { ModelCatalogEntry } from "../../../agent/models/ModelCatalogEntry.js";
import type { ModelEvidence } from "../../../agent/models/ModelEvidence.js";
import { fitModel, recommendModel, recommendQwen25Vl } from "../../../agent/models/recommendModel.js";
import { whyNotRunnable } from "../../../agent/models/whyNotRunnable.js";
import { estimateMemoryNeed } from "../../../agent/models/estimateMemoryNeed.js";

const GB = 1e9;
function hw(gpu: HardwareInfo["gpu"], vramFreeGb: number, ramFreeGb: number, unified = false): HardwareInfo {
  return {
    gpu,
    gpuNames: gpu ? ["test gpu"] : [],
    vramTotal: vramFreeGb * GB,
    vramFree: vramFreeGb * GB,
    unifiedMemory: unified,
    gpuNotes: [],
    ramTotal: ramFreeGb * GB,
    ramFree: ramFreeGb * GB,
  };
}

describe("recommendQwen25Vl: the largest Qwen2.5-VL that runs wholly on the GPU, else the 3B (the pick kept one click away)", () => {
  const table: Array<[string, HardwareInfo, string | undefined, string | undefined, string | undefined]> = [
    // name, hardware, expected id, quant, placement
    ["no GPU, 16 GB RAM", hw(false, 0, 16), "qwen2.5-vl-3b", "Q4_K_M", "cpu"],
    ["no GPU, 2 GB RAM", hw(false, 0, 2), undefined, undefined, undefined],
    ["5 GB GPU, 16 GB RAM", hw("cuda", 5, 16), "qwen2.5-vl-3b", "Q4_K_M", "gpu"],
    ["6 GB GPU, 16 GB RAM", hw("cuda", 6, 16), "qwen2.5-vl-3b", "Q8_0", "gpu"],
    ["4 GB GPU, 16 GB RAM: 3B with f16 vision needs ≈4.5 GB, split", hw("cuda", 4, 16), "qwen2.5-vl-3b", "Q4_K_M", "partial"],
    ["3 GB GPU, 16 GB RAM: 3B split", hw("vulkan", 3, 16), "qwen2.5-vl-3b", "Q4_K_M", "partial"],
    ["8 GB GPU", hw("cuda", 8, 32), "qwen2.5-vl-7b", "Q4_K_M", "gpu"],
    ["12 GB GPU", hw("cuda", 12, 32), "qwen2.5-vl-7b", "Q8_0", "gpu"],
    ["24 GB GPU: 32B Q4 needs ≈24.6 GB at 8k context", hw("cuda", 23.5, 64), "qwen2.5-vl-7b", "Q8_0", "gpu"],
    ["32 GB GPU", hw("cuda", 31, 64), "qwen2.5-vl-32b", "Q4_K_M", "gpu"],
    ["80 GB GPU (H100)", hw("cuda", 79, 128), "qwen2.5-vl-72b", "Q4_K_M", "gpu"],
    ["Apple 36 GB unified", hw("metal", 27, 30, true), "qwen2.5-vl-32b", "Q4_K_M", "gpu"],
    ["Apple 8 GB unified", hw("metal", 5.3, 6, true), "qwen2.5-vl-3b", "Q4_K_M", "gpu"],
  ];
  for (const [name, machine, id, quant, placement] of table) {
    test(name, () => {
      const fit = recommendQwen25Vl(machine);
      assert.equal(fit?.entry.id, id);
      assert.equal(fit?.quant.name, quant);
      assert.equal(fit?.placement, placement);
    });
  }
});

// A catalog of made-up models, so the policy is tested apart from the real catalog's numbers.
function model(id: string, paramsB: number, gb: number, evidence: ModelEvidence, profile: ModelCatalogEntry["profile"] = "qwen2.5-vl"): ModelCatalogEntry {
  return {
    id,
    title: id,
    repo: `test/${id}`,
    builtBy: "test",
    profile,
    architecture: "qwen2vl",
    license: "none",
    paramsB,
    layers: 28,
    kvHeads: 2,
    headDim: 128,
    quants: [{ name: "Q4_K_M", text: { path: `${id}-Q4_K_M.gguf`, approxBytes: gb * GB } }],
    defaultQuant: "Q4_K_M",
    mmproj: { path: `mmproj-${id}.gguf`, approxBytes: 0.5 * GB },
    evidence,
  };
}
const by = (score: number) => ({ score, reportedBy: "someone", source: "https://example.org/paper" });
const SYNTHETIC = [
  model("claims-60", 4, 2.5, { screenSpotPro: { authors: by(60), reproductions: [] } }),
  model("claims-80-reruns-30", 4, 2.5, { screenSpotPro: { authors: by(80), reproductions: [by(30)] } }),
  model("big-70", 8, 6, { screenSpotPro: { authors: by(70), reproductions: [by(69)] } }),
  model("no-evidence", 7, 6, {}),
  model("unregistered-90", 4, 2.5, { screenSpotPro: { authors: by(90), reproductions: [by(90)] } }, "mai-ui"),
];
const pick = (machine: HardwareInfo, runnable?: (e: ModelCatalogEntry) => boolean) => {
  const fit = recommendModel(machine, SYNTHETIC, 8192, runnable ?? ((e) => e.profile === "qwen2.5-vl"));
  return fit && `${fit.entry.id} ${fit.placement}`;
};

describe("recommendModel: the best published ScreenSpot-Pro among the models that fit", () => {
  test("within what fits the GPU, the best evidence wins, not the biggest model", () => {
    // 3 GB weights + 0.5 GB mmproj + KV + 1 GB overhead ≈ 4.5 GB; the 8B needs ≈ 8 GB.
    assert.equal(pick(hw("cuda", 5, 16)), "claims-60 gpu");
    assert.equal(pick(hw("cuda", 12, 32)), "big-70 gpu");
  });

  test("a claim an independent re-run could not repeat ranks by the re-run", () => {
    const only = SYNTHETIC.filter((m) => m.id.startsWith("claims"));
    assert.equal(recommendModel(hw("cuda", 12, 32), only, 8192, () => true)?.entry.id, "claims-60");
  });

  test("a model without a published result ranks below every model with one, yet is picked when nothing else fits", () => {
    assert.equal(recommendModel(hw("cuda", 12, 32), [SYNTHETIC[3]!, SYNTHETIC[0]!], 8192, () => true)?.entry.id, "claims-60");
    assert.equal(recommendModel(hw("cuda", 12, 32), [SYNTHETIC[3]!], 8192, () => true)?.entry.id, "no-evidence");
    assert.match(recommendModel(hw("cuda", 12, 32), [SYNTHETIC[3]!], 8192, () => true)?.reason ?? "", /no ScreenSpot-Pro result is published/);
  });

  test("the reason names the score it was chosen on", () => {
    assert.match(
      recommendModel(hw("cuda", 12, 32), SYNTHETIC, 8192, (e) => e.profile === "qwen2.5-vl")?.reason ?? "",
      /ScreenSpot-Pro 69\.0, the best published among the models that fit the GPU/,
    );
  });

  test("without a whole-GPU fit, only small models run partly or on the CPU, by evidence", () => {
    assert.equal(pick(hw(false, 0, 16)), "claims-60 cpu");
    assert.equal(pick(hw("vulkan", 3, 16)), "claims-60 partial");
    assert.equal(pick(hw(false, 0, 2)), undefined);
  });

  test("a model this build cannot run (profile or architecture) is never recommended", () => {
    assert.equal(pick(hw("cuda", 12, 32)), "big-70 gpu");
    assert.equal(
      pick(hw("cuda", 12, 32), () => true),
      "unregistered-90 gpu",
    );
    for (const vram of [0, 3, 4, 6, 8, 12, 24, 80]) {
      const fit = recommendModel(hw(vram ? "cuda" : false, vram, 64));
      assert.ok(!fit || whyNotRunnable(fit.entry) === undefined, `${fit?.entry.id} on ${vram} GB is a model this build runs`);
    }
  });

  // The real catalog with every profile registered (as after the Qwen3-VL family's profiles land).
  const everything = (machine: HardwareInfo) => {
    const fit = recommendModel(machine, MODEL_CATALOG, 8192, () => true);
    return fit && `${fit.entry.id} ${fit.quant.name} ${fit.placement}`;
  };
  const table: Array<[string, HardwareInfo, string | undefined]> = [
    // GUI-Owl-1.5-4B: 66.8 claimed, 66.2 re-run; Q4_K_M ≈5.2 GB with the Q8_0 projector and an 8k context.
    ["no GPU, 16 GB RAM: the 4B class on the CPU", hw(false, 0, 16), "gui-owl-1.5-4b Q4_K_M cpu"],
    ["3 GB GPU: the 4B split", hw("vulkan", 3, 16), "gui-owl-1.5-4b Q4_K_M partial"],
    ["4 GB GPU: MAI-UI-2B (57.4 / 57.9) is the best that fits whole", hw("cuda", 4, 16), "mai-ui-2b Q4_K_M gpu"],
    ["6 GB GPU", hw("cuda", 6, 16), "gui-owl-1.5-4b Q4_K_M gpu"],
    ["8 GB GPU: the 4B at Q8_0 (≈6.9 GB) before any 8B (≈8.0 GB)", hw("cuda", 8, 32), "gui-owl-1.5-4b Q8_0 gpu"],
    ["12 GB GPU: GUI-Owl-1.5-8B (71.1 / 70.1)", hw("cuda", 12, 32), "gui-owl-1.5-8b Q5_K_M gpu"],
    ["80 GB GPU: still the 8B, not Qwen2.5-VL-72B (no published score)", hw("cuda", 79, 128), "gui-owl-1.5-8b Q5_K_M gpu"],
    ["no GPU, 2 GB RAM", hw(false, 0, 2), undefined],
  ];
  for (const [name, machine, expected] of table) test(`real catalog: ${name}`, () => assert.equal(everything(machine), expected));
});

describe("fitModel", () => {
  const e7b = findCatalogEntry("qwen2.5-vl-7b")!;
  const q4 = findQuant(e7b)!;

  test("a partial fit offloads some but not all layers, and more VRAM means more layers", () => {
    const a = fitModel(e7b, q4, hw("cuda", 4, 32));
    const b = fitModel(e7b, q4, hw("cuda", 5, 32));
    assert.equal(a.placement, "partial");
    assert.ok(a.gpuLayers > 0 && a.gpuLayers < e7b.layers);
    assert.ok(b.gpuLayers > a.gpuLayers);
    assert.match(a.reason, /layers fit in/);
  });

  test("unified memory is never split between GPU and CPU", () => {
    assert.equal(fitModel(e7b, q4, hw("metal", 3, 32, true)).placement, "cpu");
  });

  test("the KV cache grows with the context", () => {
    const small = estimateMemoryNeed(e7b, 1, 1, 4096);
    const big = estimateMemoryNeed(e7b, 1, 1, 32768);
    assert.equal(big.kvCache, small.kvCache * 8);
    assert.equal(estimateMemoryNeed(e7b, 0, 0, 8192).kvCache, 2 * 28 * 8192 * 4 * 128 * 2);
  });
});
