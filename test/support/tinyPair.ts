import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl } from "../../agent/gguf/generateQwen25Vl.js";
import type { ModelCatalogEntry } from "../../agent/models/ModelCatalogEntry.js";

/** The tiny random Qwen2.5-VL pair's bytes, generated once per test file. */
export interface TinyPair {
  readonly model: Buffer;
  readonly mmproj: Buffer;
}

let cached: TinyPair | undefined;

export function tinyPair(): TinyPair {
  if (!cached) {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-pair-"));
    try {
      const files = generateQwen25Vl({ outDir: dir, preset: "tiny", type: "f16" });
      cached = { model: readFileSync(files.model), mmproj: readFileSync(files.mmproj) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return cached;
}

/** A catalog entry shaped like the real ones, pointing at files a FakeHub serves. */
export const TINY_ENTRY: ModelCatalogEntry = {
  id: "tiny-vl",
  title: "Tiny random Qwen2.5-VL",
  repo: "test-org/Tiny-VL-GGUF",
  builtBy: "the test suite",
  profile: "qwen2.5-vl",
  architecture: "qwen2vl",
  license: "none",
  paramsB: 0.01,
  layers: 2,
  kvHeads: 2,
  headDim: 16,
  quants: [{ name: "F16", text: { path: "Tiny-VL-f16.gguf", approxBytes: 17e6 } }],
  defaultQuant: "F16",
  mmproj: { path: "mmproj-Tiny-VL-f16.gguf", approxBytes: 1e6 },
  evidence: {},
};
