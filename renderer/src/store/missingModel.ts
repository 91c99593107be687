import type { ModelList } from "../../../agent/models/ModelsApi.js";
import type { Settings } from "../../../agent/settings/settingsSchema.js";

/** A catalog model to download, as the first-run note names it. */
export interface ModelSuggestion {
  readonly id: string;
  readonly title: string;
  readonly quant: string;
  /** Model and projector together, rounded to tenths of a GB. */
  readonly gigabytes: number;
}

/** Why no run can start yet for want of a model, and which model to get. */
export interface MissingModel {
  readonly reason: string;
  readonly suggestion?: ModelSuggestion;
}

/**
 * The panel's first-run check, from what it can ask over any transport (listModels, getSettings):
 * the same cases startRun's preflight refuses (no endpoint, no chosen files, and the selected
 * catalog model not downloaded or not in the catalog). Chosen files count as ready here; a file
 * gone since is still reported when Run is pressed.
 */
export function missingModel(list: ModelList, settings: Pick<Settings, "endpoint">): MissingModel | undefined {
  if (settings.endpoint || list.selectedFiles) return undefined;
  const selected = list.models.find((m) => m.selected);
  if (selected?.installed) return undefined;
  const suggestion = suggest(list);
  const reason = selected ? `${selected.title} (${selected.id}) is selected but not downloaded yet.` : "The selected model is not in this DeskPilot's catalog.";
  return { reason, ...(suggestion ? { suggestion } : {}) };
}

/** The recommended model for this machine, else the selected one, with its download size. */
function suggest(list: ModelList): ModelSuggestion | undefined {
  const pick = list.recommended ?? list.recommendedQwen25Vl;
  const item = list.models.find((m) => m.id === pick?.id) ?? list.models.find((m) => m.selected && m.runnable);
  if (!item) return undefined;
  const quant = item.quants.find((q) => q.name === pick?.quant) ?? item.quants.find((q) => q.name === item.defaultQuant) ?? item.quants[0];
  if (!quant) return undefined;
  return { id: item.id, title: item.title, quant: quant.name, gigabytes: Math.round((quant.approxBytes + item.mmprojApproxBytes) / 1e8) / 10 };
}
