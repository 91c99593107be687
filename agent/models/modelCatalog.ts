import { CATALOG_EVIDENCE } from "./catalogEvidence.js";
import { qwen3VlFamily } from "./qwen3VlCatalog.js";
import type { CatalogQuant, ModelCatalogEntry } from "./ModelCatalogEntry.js";

const GB = 1e9;

// Repositories: ggml-org/Qwen2.5-VL-{3B,7B,32B,72B}-Instruct-GGUF are the ones llama.cpp's own
// docs (docs/multimodal.md in the bundled llama.cpp) list for Qwen2.5-VL; public projects download
// `<Model>-<QUANT>.gguf` and `mmproj-<Model>-f16.gguf` from them. Sizes here are estimates
// (params × bits per weight, ±5 %). A pull asks the hub's file listing for the names and sizes it
// publishes now (resolveHubFiles) and says which quantisations exist when the chosen one does not.
function quants(model: string, paramsB: number, names: readonly string[], sep = "-"): CatalogQuant[] {
  const bitsPerWeight: Record<string, number> = { Q4_K_M: 4.9, Q8_0: 8.5, F16: 16 };
  return names.map((name) => ({
    name,
    text: {
      path: `${model}${sep}${name === "F16" ? "f16" : name}.gguf`,
      approxBytes: Math.round((paramsB * GB * bitsPerWeight[name]!) / 8),
      bytesFrom: "estimate",
    },
  }));
}

function qwen(
  size: "3B" | "7B" | "32B" | "72B",
  paramsB: number,
  shape: { layers: number; kvHeads: number },
  quantNames: readonly string[],
): ModelCatalogEntry {
  const model = `Qwen2.5-VL-${size}-Instruct`;
  const id = `qwen2.5-vl-${size.toLowerCase()}`;
  return {
    id,
    title: `Qwen2.5-VL ${size} Instruct`,
    repo: `ggml-org/${model}-GGUF`,
    builtBy: "ggml-org (llama.cpp's maintainers)",
    profile: "qwen2.5-vl",
    architecture: "qwen2vl",
    license: size === "3B" ? "qwen-research" : size === "72B" ? "qwen" : "apache-2.0",
    paramsB,
    layers: shape.layers,
    kvHeads: shape.kvHeads,
    headDim: 128,
    quants: quants(model, paramsB, quantNames),
    defaultQuant: "Q4_K_M",
    // The vision encoder (≈0.67 B params) in f16: the type llama.cpp's converter writes by default.
    mmproj: { path: `mmproj-${model}-f16.gguf`, approxBytes: Math.round(1.35 * GB), bytesFrom: "estimate" },
    evidence: CATALOG_EVIDENCE[id]!,
  };
}

/** The models DeskPilot offers: Qwen2.5-VL and UI-TARS-1.5 first, then the Qwen3-VL family. `qwen2.5-vl-3b` is the default. */
export const MODEL_CATALOG: readonly ModelCatalogEntry[] = [
  qwen("3B", 3.09, { layers: 36, kvHeads: 2 }, ["Q4_K_M", "Q8_0", "F16"]),
  qwen("7B", 7.62, { layers: 28, kvHeads: 4 }, ["Q4_K_M", "Q8_0", "F16"]),
  // 32B f16 and 72B Q8_0/f16 exceed the hub's 50 GB single-file limit and would be split; only the
  // single-file quantisations are listed.
  qwen("32B", 32.8, { layers: 64, kvHeads: 8 }, ["Q4_K_M", "Q8_0"]),
  qwen("72B", 72.7, { layers: 80, kvHeads: 8 }, ["Q4_K_M"]),
  {
    id: "ui-tars-1.5-7b",
    title: "UI-TARS 1.5 7B (ByteDance Seed; GUI grounding)",
    // ByteDance publishes safetensors only. bartowski/ByteDance-Seed_UI-TARS-1.5-7B-GGUF, named
    // here before, turns up in no public source; mradermacher's conversion does, with these names.
    repo: "mradermacher/UI-TARS-1.5-7B-GGUF",
    builtBy: "mradermacher (community conversion)",
    profile: "ui-tars-1.5",
    architecture: "qwen2vl",
    license: "apache-2.0",
    paramsB: 7.62,
    layers: 28,
    kvHeads: 4,
    headDim: 128,
    quants: quants("UI-TARS-1.5-7B", 7.62, ["Q4_K_M", "Q8_0"], "."),
    defaultQuant: "Q4_K_M",
    mmproj: { path: "UI-TARS-1.5-7B.mmproj-f16.gguf", approxBytes: Math.round(1.35 * GB), bytesFrom: "estimate" },
    evidence: CATALOG_EVIDENCE["ui-tars-1.5-7b"]!,
    notes:
      "Qwen2.5-VL-7B architecture fine-tuned for GUI agents; answers in its own action format (profile ui-tars-1.5). No file hash is published for this community build: the pull checks the hub's listed hash and records it.",
  },
  ...qwen3VlFamily(),
];

export const DEFAULT_MODEL_ID = "qwen2.5-vl-3b";

/** The catalog entry with this id, or undefined. */
export function findCatalogEntry(id: string): ModelCatalogEntry | undefined {
  return MODEL_CATALOG.find((m) => m.id === id.toLowerCase());
}

/** The quantisation `name` of `entry` (case-insensitive), or its default. */
export function findQuant(entry: ModelCatalogEntry, name?: string): CatalogQuant | undefined {
  const wanted = (name ?? entry.defaultQuant).toUpperCase();
  return entry.quants.find((q) => q.name.toUpperCase() === wanted);
}
