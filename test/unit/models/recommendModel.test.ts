import { test, describe } from "node:test";
import assert from "node:assert/strict";
import type { HardwareInfo } from "../../../agent/models/HardwareInfo.js";
import { findCatalogEntry, findQuant, MODEL_CATALOG } from "../../../agent/models/modelCatalog.js";
import { fitModel, recommendModel } from "../../../agent/models/recommendModel.js";
import { estimateMemoryNeed } from "../../../agent/models/estimateMemoryNeed.js";

const GB = 1e9;
function hw(gpu: HardwareInfo["gpu"], vramFreeGb: number, ramFreeGb: number, unified = false): HardwareInfo {
  return { gpu, gpuNames: gpu ? ["test gpu"] : [], vramTotal: vramFreeGb * GB, vramFree: vramFreeGb * GB, unifiedMemory: unified, ramTotal: ramFreeGb * GB, ramFree: ramFreeGb * GB };
}

describe("recommendModel: the largest model that runs wholly on the GPU, else the 3B", () => {
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
      const fit = recommendModel(machine);
      assert.equal(fit?.entry.id, id);
      assert.equal(fit?.quant.name, quant);
      assert.equal(fit?.placement, placement);
    });
  }

  test("never recommends the UI-TARS alternative (a different answer format)", () => {
    for (const vram of [4, 8, 12, 24, 48, 80]) assert.notEqual(recommendModel(hw("cuda", vram, 64))?.entry.id, "ui-tars-1.5-7b");
  });
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

describe("catalog", () => {
  test("the five ids, each with a default quantisation, an mmproj and a profile", () => {
    assert.deepEqual(MODEL_CATALOG.map((m) => m.id), ["qwen2.5-vl-3b", "qwen2.5-vl-7b", "qwen2.5-vl-32b", "qwen2.5-vl-72b", "ui-tars-1.5-7b"]);
    for (const m of MODEL_CATALOG) {
      assert.ok(findQuant(m), `${m.id} has its default quant`);
      assert.match(m.mmproj.path, /^mmproj-.*\.gguf$/);
      assert.ok(m.profile);
    }
    assert.equal(findCatalogEntry("qwen2.5-vl-7b")?.repo, "ggml-org/Qwen2.5-VL-7B-Instruct-GGUF");
    assert.equal(findQuant(findCatalogEntry("qwen2.5-vl-3b")!, "q8_0")?.text.path, "Qwen2.5-VL-3B-Instruct-Q8_0.gguf");
  });
});
