import type { z } from "zod";
import type { settingsPatchSchema } from "../settings/settingsPatchSchema.js";
import type { LoadedSettings } from "../settings/SettingsStore.js";
import type { Settings } from "../settings/settingsSchema.js";
import type { DownloadProgress } from "./DownloadProgress.js";
import type { RecordedEngineReport } from "./engineReportLog.js";
import type { HardwareInfo } from "../platform/HardwareInfo.js";
import type { GgufFileReport } from "./inspectGgufFile.js";
import type { InstalledModel } from "./listInstalledModels.js";
import type { CatalogProfile, PromptProfile } from "./ModelCatalogEntry.js";
import type { ModelEvidence } from "./ModelEvidence.js";
import type { CoordinateSpace } from "../profiles/coordinateSpace.js";

/** A catalog model as the UI and `deskpilot models list` show it. */
export interface ModelListItem {
  readonly id: string;
  readonly title: string;
  readonly repo: string;
  readonly profile: CatalogProfile;
  /** Whether this build runs the model (its profile and its architecture); only runnable models are recommended or downloaded. */
  readonly runnable: boolean;
  /** Why not, when it is not runnable. */
  readonly notRunnable?: string;
  /** Who made the GGUF files: the model's makers, ggml-org, or a named community builder. */
  readonly builtBy: string;
  readonly license: string;
  readonly defaultQuant: string;
  /**
   * Sizes are the catalog's (see ModelCatalogEntry): `bytesFrom` says whether published or estimated;
   * the pull takes the hub's listing. `pinned`: the catalog pins the file's SHA-256.
   */
  readonly quants: ReadonlyArray<{
    name: string;
    approxBytes: number;
    fits: "gpu" | "partial" | "cpu" | "none";
    fitReason: string;
    bytesFrom: "published" | "estimate";
    pinned: boolean;
  }>;
  readonly mmprojApproxBytes: number;
  /** Published ScreenSpot-Pro (and OSWorld) results with their sources, and whether each was independently re-run. */
  readonly evidence: ModelEvidence;
  readonly notes?: string;
  readonly installed: InstalledModel | undefined;
  readonly selected: boolean;
}

export interface ModelList {
  readonly modelsDir: string;
  readonly hardware: HardwareInfo;
  /** The best published ScreenSpot-Pro among the runnable models that fit this machine (recommendModel). */
  readonly recommended: { id: string; quant: string; reason: string } | undefined;
  /** The Qwen2.5-VL model that fits best, kept one click away beside the recommendation. */
  readonly recommendedQwen25Vl?: { id: string; quant: string; reason: string };
  readonly models: ModelListItem[];
  /** Files the user chose ("use these files"): they run instead of any catalog model. */
  readonly selectedFiles: { model: string; mmproj: string } | undefined;
  /** Where the selected model ran the last time it was loaded here (layers offloaded, the vision encoder's backend). */
  readonly lastLoad?: RecordedEngineReport & { readonly summary: string };
}

/** The files and settings the engine should load now. */
export interface ActiveModel {
  readonly modelPath: string;
  readonly mmprojPath: string;
  readonly profile: PromptProfile;
  /** Set only when the settings override the profile's coordinate space. */
  readonly coordinates?: CoordinateSpace;
  readonly source: "catalog" | "files";
}

/** The models slice of the app service (docs/design.md §1). */
export interface ModelsApi {
  listModels(): Promise<ModelList>;
  /** Downloads (or resumes) a catalog model; progress goes to `onProgress` and the service's model-progress event. */
  pullModel(
    id: string,
    options?: { quant?: string; signal?: AbortSignal; keepPartialOnCancel?: boolean; onProgress?: (p: DownloadProgress) => void },
  ): Promise<InstalledModel>;
  /** Cancels a running pull of `id` (for clients across IPC, which cannot pass a signal); false when none runs. */
  cancelPull(id: string): Promise<boolean>;
  removeModel(id: string): Promise<boolean>;
  /** Checks one GGUF, or a text model + mmproj pair. */
  verifyModelFiles(file: string, mmproj?: string): Promise<{ files: GgufFileReport[]; pairProblem: string | undefined }>;
  /** Selects a catalog model, or files the user already has ("use these files"; they are verified first). */
  useModel(choice: { id: string; quant?: string } | { model: string; mmproj: string }): Promise<Settings>;
  /** The selected model's files; a clear error when it is not installed. */
  activeModel(): Promise<ActiveModel>;
}

/**
 * A settings change as it crosses IPC: top-level fields replace, object fields merge one level
 * deep, and null clears a choice (a model's profile, the endpoint) so its default applies again.
 * Its type is its schema's: what the dispatcher accepts is what a client may write.
 */
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** The settings slice of the app service. */
export interface SettingsApi {
  getSettings(): Promise<LoadedSettings>;
  /** Applies the patch to the current file; an invalid result is refused (INVALID_SETTING) and nothing is written. */
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}
