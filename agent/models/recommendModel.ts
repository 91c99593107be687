import type { AddonDevice } from "../../native/AddonTypes.js";
import { resolveGpuLayers } from "../vision/resolveGpuLayers.js";
import { estimateMemoryNeed, type MemoryNeed } from "./estimateMemoryNeed.js";
import type { HardwareInfo } from "../platform/HardwareInfo.js";
import { DEFAULT_MODEL_ID, MODEL_CATALOG } from "./modelCatalog.js";
import type { CatalogQuant, ModelCatalogEntry } from "./ModelCatalogEntry.js";
import { rankingScore } from "./ModelEvidence.js";
import { whyNotRunnable } from "./whyNotRunnable.js";

/** How a model would run on this machine. */
export interface ModelFit {
  readonly entry: ModelCatalogEntry;
  readonly quant: CatalogQuant;
  readonly need: MemoryNeed;
  /** gpu: every layer offloaded; partial: some layers on the GPU; cpu: none; none: does not fit at all. */
  readonly placement: "gpu" | "partial" | "cpu" | "none";
  /** For llama.cpp: -1 = all layers. */
  readonly gpuLayers: number;
  readonly reason: string;
}

// Leave room for the desktop, the browser being automated and the OS.
const RAM_HEADROOM = 0.8;
const GB = 1e9;

/** How `quant` of `entry` fits `hw` (pure; table-tested). */
export function fitModel(entry: ModelCatalogEntry, quant: CatalogQuant, hw: HardwareInfo, contextSize = 8192): ModelFit {
  const need = estimateMemoryNeed(entry, quant.text.approxBytes, entry.mmproj.approxBytes, contextSize);
  const gb = (n: number) => `${(n / GB).toFixed(1)} GB`;
  const ram = hw.ramFree * RAM_HEADROOM;
  if (hw.gpu !== false && hw.vramFree >= need.total) {
    return { entry, quant, need, placement: "gpu", gpuLayers: -1, reason: `needs ${gb(need.total)}; ${gb(hw.vramFree)} of GPU memory free` };
  }
  if (hw.gpu !== false && !hw.unifiedMemory && hw.vramFree + ram >= need.total) {
    // The engine's own rule for "auto" (resolveGpuLayers), capped by this estimate, which also
    // counts the mmproj and KV cache that the engine's fixed reserve may not cover.
    const device: AddonDevice = { name: "gpu0", description: hw.gpuNames[0] ?? "", type: "gpu", memoryFree: hw.vramFree, memoryTotal: hw.vramTotal };
    const byEngine = resolveGpuLayers("auto", [device], quant.text.approxBytes, entry.layers);
    const budget = hw.vramFree - need.mmproj - need.kvCache - need.overhead;
    const byBudget = Math.max(0, Math.floor((entry.layers * budget) / need.weights));
    const layers = Math.min(byEngine < 0 ? entry.layers : byEngine, byBudget, entry.layers - 1);
    if (layers > 0) {
      return {
        entry,
        quant,
        need,
        placement: "partial",
        gpuLayers: layers,
        reason: `needs ${gb(need.total)}; ${layers} of ${entry.layers} layers fit in ${gb(hw.vramFree)} of GPU memory, the rest run on the CPU`,
      };
    }
  }
  if (ram >= need.total)
    return { entry, quant, need, placement: "cpu", gpuLayers: 0, reason: `needs ${gb(need.total)}; runs on the CPU (${gb(hw.ramFree)} RAM free), slowly` };
  return { entry, quant, need, placement: "none", gpuLayers: 0, reason: `needs ${gb(need.total)}; only ${gb(hw.vramFree)} GPU and ${gb(hw.ramFree)} RAM free` };
}

// Without a whole-GPU fit, only models of the 3B's class run partly or wholly on the CPU: an 8B
// takes about twice as long per step there, far past the step limit.
const CPU_MAX_PARAMS_B = 4.5;

interface Candidate {
  readonly entry: ModelCatalogEntry;
  readonly quant: CatalogQuant;
  readonly fit: ModelFit;
}

/**
 * The model with the best published ScreenSpot-Pro (its lowest published number: authors' or an
 * independent re-run) among those that run wholly on the GPU, at its largest quantisation that does
 * (up to Q8_0); without such a fit, the best of the small models at their default quantisation,
 * partially offloaded or on the CPU. Only models this build runs (profile and architecture) are considered;
 * a model without a published score ranks below every model with one. undefined: nothing fits.
 */
export function recommendModel(
  hw: HardwareInfo,
  catalog: readonly ModelCatalogEntry[] = MODEL_CATALOG,
  contextSize = 8192,
  runnable: (entry: ModelCatalogEntry) => boolean = (e) => whyNotRunnable(e) === undefined,
): ModelFit | undefined {
  const candidates = catalog
    .filter(runnable)
    // f16 is for quality checks: as large as Q8_0 twice over and no better at grounding in practice.
    .flatMap((entry) => entry.quants.filter((q) => q.name !== "F16").map((quant) => ({ entry, quant, fit: fitModel(entry, quant, hw, contextSize) })));
  const best = (list: Candidate[]) =>
    [...list].sort(
      (a, b) => (score(b.entry) ?? -1) - (score(a.entry) ?? -1) || b.entry.paramsB - a.entry.paramsB || b.quant.text.approxBytes - a.quant.text.approxBytes,
    )[0];
  const onGpu = best(candidates.filter((c) => c.fit.placement === "gpu"));
  const pick =
    onGpu ?? best(candidates.filter((c) => c.entry.paramsB <= CPU_MAX_PARAMS_B && c.quant.name === c.entry.defaultQuant && c.fit.placement !== "none"));
  if (!pick) return undefined;
  const s = score(pick.entry);
  const basis =
    s === undefined
      ? "no ScreenSpot-Pro result is published for the models that fit"
      : `ScreenSpot-Pro ${s.toFixed(1)}, the best published among the models that ${onGpu ? "fit the GPU" : "can run here"}`;
  return { ...pick.fit, reason: `${pick.fit.reason}; ${basis}` };
}

/**
 * The Qwen2.5-VL pick, kept one click away beside the recommendation: the largest Qwen2.5-VL model
 * and quantisation (up to Q8_0) that runs wholly on the GPU; without such a fit, the default 3B at
 * its default quantisation, partially offloaded or on the CPU. undefined when even that does not fit.
 */
export function recommendQwen25Vl(hw: HardwareInfo, catalog: readonly ModelCatalogEntry[] = MODEL_CATALOG, contextSize = 8192): ModelFit | undefined {
  const candidates = catalog
    .filter((e) => e.profile === "qwen2.5-vl")
    .flatMap((entry) => entry.quants.filter((q) => q.name !== "F16").map((quant) => ({ entry, quant })))
    .sort((a, b) => b.entry.paramsB - a.entry.paramsB || b.quant.text.approxBytes - a.quant.text.approxBytes);
  for (const { entry, quant } of candidates) {
    const fit = fitModel(entry, quant, hw, contextSize);
    if (fit.placement === "gpu") return fit;
  }
  const fallback = catalog.find((e) => e.id === DEFAULT_MODEL_ID);
  const quant = fallback?.quants.find((q) => q.name === fallback.defaultQuant);
  if (!fallback || !quant) return undefined;
  const fit = fitModel(fallback, quant, hw, contextSize);
  return fit.placement === "none" ? undefined : fit;
}

function score(entry: ModelCatalogEntry): number | undefined {
  return rankingScore(entry.evidence.screenSpotPro);
}
