import type { CatalogQuant, ModelCatalogEntry } from "./ModelCatalogEntry.js";

const GB = 1e9;

// Repositories: ggml-org/Qwen2.5-VL-{3B,7B,32B,72B}-Instruct-GGUF are the ones llama.cpp's own
// docs (docs/multimodal.md in the bundled llama.cpp) list for Qwen2.5-VL. File names follow
// ggml-org's convention `<Model>-<QUANT>.gguf` + `mmproj-<Model>-<type>.gguf`; they and the sizes
// below could NOT be checked against the hub from the machine this was written on (no hub access),
// so sizes are estimates (params × bits per weight, ±5 %). A pull asks the hub's file listing for the
// names it publishes now (resolveHubFiles: these names when present, else the file with the
// quantisation's tag) and says which quantisations exist when the chosen one does not.
function quants(model: string, paramsB: number, names: readonly string[]): CatalogQuant[] {
  const bitsPerWeight: Record<string, number> = { Q4_K_M: 4.9, Q8_0: 8.5, F16: 16 };
  return names.map((name) => ({
    name,
    text: { path: `${model}-${name === "F16" ? "f16" : name}.gguf`, approxBytes: Math.round((paramsB * GB * bitsPerWeight[name]!) / 8) },
  }));
}

function qwen(size: "3B" | "7B" | "32B" | "72B", paramsB: number, shape: { layers: number; kvHeads: number }, quantNames: readonly string[]): ModelCatalogEntry {
  const model = `Qwen2.5-VL-${size}-Instruct`;
  return {
    id: `qwen2.5-vl-${size.toLowerCase()}`,
    title: `Qwen2.5-VL ${size} Instruct`,
    repo: `ggml-org/${model}-GGUF`,
    profile: "qwen2.5-vl",
    license: size === "3B" ? "qwen-research" : size === "72B" ? "qwen" : "apache-2.0",
    paramsB,
    layers: shape.layers,
    kvHeads: shape.kvHeads,
    headDim: 128,
    quants: quants(model, paramsB, quantNames),
    defaultQuant: "Q4_K_M",
    // The vision encoder (≈0.67 B params) in f16: the type llama.cpp's converter writes by default.
    mmproj: { path: `mmproj-${model}-f16.gguf`, approxBytes: Math.round(1.35 * GB) },
  };
}

/** The models DeskPilot offers, smallest first. `qwen2.5-vl-3b` is the default. */
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
    // A community GGUF conversion (ByteDance publishes safetensors only); repo and file names are
    // bartowski's convention and unverified here, like the sizes.
    repo: "bartowski/ByteDance-Seed_UI-TARS-1.5-7B-GGUF",
    profile: "ui-tars-1.5",
    license: "apache-2.0",
    paramsB: 7.62,
    layers: 28,
    kvHeads: 4,
    headDim: 128,
    quants: quants("ByteDance-Seed_UI-TARS-1.5-7B", 7.62, ["Q4_K_M", "Q8_0"]),
    defaultQuant: "Q4_K_M",
    mmproj: { path: "mmproj-ByteDance-Seed_UI-TARS-1.5-7B-f16.gguf", approxBytes: Math.round(1.35 * GB) },
    notes: "Qwen2.5-VL-7B architecture fine-tuned for GUI agents; answers in its own action format (profile ui-tars-1.5).",
  },
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
