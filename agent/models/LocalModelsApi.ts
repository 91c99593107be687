import { DEFAULT_PROFILE_ID } from "../profiles/profileRegistry.js";
import { familyOfMmproj } from "../profiles/familyOfProjector.js";
import { resolveContextSize } from "../vision/contextBudget.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import type { LoadedSettings, SettingsStore } from "../settings/SettingsStore.js";
import type { Settings } from "../settings/settingsSchema.js";
import { checkModelPair } from "../vision/checkModelPair.js";
import { validateModelFiles } from "../vision/validateModelFiles.js";
import { detectHardware } from "./detectHardware.js";
import { engineReportsPath, lastEngineReport } from "./engineReportLog.js";
import { formatEngineReport } from "../vision/EngineReport.js";
import type { DownloadProgress } from "./DownloadProgress.js";
import type { HardwareInfo } from "../platform/HardwareInfo.js";
import { resolveHubEndpoint } from "./hubFileUrl.js";
import { inspectGgufFile, type GgufFileReport } from "./inspectGgufFile.js";
import { listInstalledModels, type InstalledModel } from "./listInstalledModels.js";
import { DEFAULT_MODEL_ID, findCatalogEntry, findQuant, MODEL_CATALOG } from "./modelCatalog.js";
import type { ModelCatalogEntry } from "./ModelCatalogEntry.js";
import type { ProfileId } from "../profiles/ModelProfile.js";
import type { ActiveModel, ModelList, ModelsApi, SettingsApi, SettingsPatch } from "./ModelsApi.js";
import { pullModel } from "./pullModel.js";
import { fitModel, recommendModel, recommendQwen25Vl } from "./recommendModel.js";
import { runnableProfile, whyNotRunnable } from "./whyNotRunnable.js";
import { removeModel } from "./removeModel.js";
import { resolveModelsDir } from "./resolveModelsDir.js";
import { resolveUserPath } from "./resolveUserPath.js";

export interface LocalModelsApiOptions {
  readonly store: SettingsStore;
  /** --models-dir */
  readonly modelsDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly detect?: () => Promise<HardwareInfo>;
  /** Forwards progress to the service's `model-progress` event. */
  readonly emitProgress?: (p: DownloadProgress) => void;
  /**
   * Where a relative model file path starts (`~` is always the home folder): by default the
   * home folder, since a panel user never sees the server's working folder; the CLI gives its own.
   */
  readonly relativeTo?: string;
}

/** ModelsApi and SettingsApi over the settings file and the models folder on this machine. */
export class LocalModelsApi implements ModelsApi, SettingsApi {
  private readonly pulls = new Map<string, AbortController>();

  constructor(private readonly o: LocalModelsApiOptions) {}

  getSettings(): Promise<LoadedSettings> {
    return this.o.store.load();
  }

  updateSettings(patch: SettingsPatch): Promise<Settings> {
    return this.o.store.update((current) => mergePatch(current, patch));
  }

  /** Cancels every running pull (the service is shutting down). */
  async dispose(): Promise<void> {
    for (const c of this.pulls.values()) c.abort();
  }

  async cancelPull(id: string): Promise<boolean> {
    const running = this.pulls.get(id);
    running?.abort();
    return running !== undefined;
  }

  /** The models folder in force (flag, environment, setting, default). */
  async modelsDir(): Promise<string> {
    return resolveModelsDir(this.o.modelsDir, (await this.o.store.load()).settings.modelsDir, this.o.env);
  }

  async listModels(): Promise<ModelList> {
    const { settings } = await this.o.store.load();
    const modelsDir = resolveModelsDir(this.o.modelsDir, settings.modelsDir, this.o.env);
    const [installed, hardware] = await Promise.all([listInstalledModels(modelsDir), (this.o.detect ?? detectHardware)()]);
    const contextSize = resolveContextSize(settings.engine.contextSize, settings.imageTokens.max);
    const best = recommendModel(hardware, MODEL_CATALOG, contextSize);
    const qwen25 = recommendQwen25Vl(hardware, MODEL_CATALOG, contextSize);
    const selectedModel = settings.model.files?.model ?? installed.find((m) => m.id === settings.model.id)?.modelPath;
    const lastLoad = selectedModel === undefined ? undefined : lastEngineReport(selectedModel, engineReportsPath(this.o.env));
    return {
      modelsDir,
      hardware,
      recommended: best && { id: best.entry.id, quant: best.quant.name, reason: best.reason },
      ...(qwen25 ? { recommendedQwen25Vl: { id: qwen25.entry.id, quant: qwen25.quant.name, reason: qwen25.reason } } : {}),
      models: MODEL_CATALOG.map((entry) => ({
        id: entry.id,
        title: entry.title,
        repo: entry.repo,
        profile: entry.profile,
        runnable: whyNotRunnable(entry) === undefined,
        ...(whyNotRunnable(entry) ? { notRunnable: whyNotRunnable(entry) } : {}),
        builtBy: entry.builtBy,
        license: entry.license,
        defaultQuant: entry.defaultQuant,
        mmprojApproxBytes: entry.mmproj.approxBytes,
        quants: entry.quants.map((q) => {
          const fit = fitModel(entry, q, hardware, contextSize);
          return {
            name: q.name,
            approxBytes: q.text.approxBytes,
            fits: fit.placement,
            fitReason: fit.reason,
            bytesFrom: q.text.bytesFrom ?? "estimate",
            pinned: q.text.sha256 !== undefined,
          };
        }),
        evidence: entry.evidence,
        ...(entry.notes ? { notes: entry.notes } : {}),
        installed: installed.find((m) => m.id === entry.id),
        selected: !settings.model.files && settings.model.id === entry.id,
      })),
      selectedFiles: settings.model.files,
      ...(lastLoad ? { lastLoad: { ...lastLoad, summary: formatEngineReport(lastLoad.report) } } : {}),
    };
  }

  async pullModel(
    id: string,
    options: { quant?: string; signal?: AbortSignal; keepPartialOnCancel?: boolean; onProgress?: (p: DownloadProgress) => void } = {},
  ): Promise<InstalledModel> {
    const entry = findCatalogEntry(id);
    if (!entry) throw new DeskPilotError("UNKNOWN_MODEL", `no model ${id} in the catalog; choose one of ${MODEL_CATALOG.map((m) => m.id).join(", ")}`);
    const quant = findQuant(entry, options.quant);
    if (!quant)
      throw new DeskPilotError("UNKNOWN_MODEL", `${id} has no quantisation ${options.quant}; choose one of ${entry.quants.map((q) => q.name).join(", ")}`);
    requireRunnable(entry);
    if (this.pulls.has(entry.id)) throw new DeskPilotError("PULL_RUNNING", `${entry.id} is already being downloaded`);
    const { settings } = await this.o.store.load();
    const modelsDir = resolveModelsDir(this.o.modelsDir, settings.modelsDir, this.o.env);
    const controller = new AbortController();
    this.pulls.set(entry.id, controller);
    try {
      await pullModel({
        entry,
        quant,
        modelsDir,
        hub: resolveHubEndpoint(settings.hubEndpoint, this.o.env),
        keepPartialOnCancel: options.keepPartialOnCancel,
        signal: options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal,
        onProgress: (p) => {
          options.onProgress?.(p);
          this.o.emitProgress?.(p);
        },
      });
    } finally {
      this.pulls.delete(entry.id);
    }
    const installed = (await listInstalledModels(modelsDir)).find((m) => m.id === entry.id);
    if (!installed) throw new DeskPilotError("MODEL_NOT_INSTALLED", `${id} was downloaded but its files are gone from ${modelsDir}; pull it again`);
    return installed;
  }

  /** The downloaded model `id`, if it is installed in the models folder. */
  async installedModel(id: string): Promise<InstalledModel | undefined> {
    return (await listInstalledModels(await this.modelsDir())).find((m) => m.id === id);
  }

  async removeModel(id: string): Promise<boolean> {
    return removeModel(await this.modelsDir(), id);
  }

  async verifyModelFiles(file: string, mmproj?: string): Promise<{ files: GgufFileReport[]; pairProblem: string | undefined }> {
    const files = [file, ...(mmproj ? [mmproj] : [])].map((f) => inspectGgufFile(this.userPath(f)));
    const pair = mmproj ? checkModelPair(this.userPath(file), this.userPath(mmproj)) : undefined;
    return { files, pairProblem: pair && !pair.ok ? pair.problem : undefined };
  }

  async useModel(choice: { id: string; quant?: string } | { model: string; mmproj: string }): Promise<Settings> {
    if ("model" in choice) {
      const files = { model: this.userPath(choice.model), mmproj: this.userPath(choice.mmproj) };
      validateModelFiles(files.model, files.mmproj);
      return this.o.store.update((s) => ({ ...s, model: { ...s.model, files } }));
    }
    const entry = findCatalogEntry(choice.id);
    if (!entry) throw new DeskPilotError("UNKNOWN_MODEL", `no model ${choice.id} in the catalog; choose one of ${MODEL_CATALOG.map((m) => m.id).join(", ")}`);
    if (choice.quant && !findQuant(entry, choice.quant))
      throw new DeskPilotError("UNKNOWN_MODEL", `${entry.id} has no quantisation ${choice.quant}; choose one of ${entry.quants.map((q) => q.name).join(", ")}`);
    requireRunnable(entry);
    return this.o.store.update((s) => ({ ...s, model: { id: entry.id, quant: choice.quant?.toUpperCase() } }));
  }

  /** A path the user typed, as they mean it (resolveUserPath). */
  private userPath(path: string): string {
    return resolveUserPath(path, this.o.relativeTo);
  }

  async activeModel(): Promise<ActiveModel> {
    const { settings } = await this.o.store.load();
    const { profile, coordinates } = settings.model;
    const space = coordinates ? { coordinates } : {};
    if (settings.model.files)
      return {
        modelPath: settings.model.files.model,
        mmprojPath: settings.model.files.mmproj,
        profile: profile ?? familyOfMmproj(settings.model.files.mmproj) ?? DEFAULT_PROFILE_ID,
        ...space,
        source: "files",
      };
    const entry = findCatalogEntry(settings.model.id);
    if (!entry)
      throw new DeskPilotError(
        "UNKNOWN_MODEL",
        `the selected model ${settings.model.id} is not in the catalog; run \`deskpilot models use ${MODEL_CATALOG[0]!.id}\``,
      );
    const modelsDir = resolveModelsDir(this.o.modelsDir, settings.modelsDir, this.o.env);
    const installed = (await listInstalledModels(modelsDir)).find((m) => m.id === entry.id);
    if (!installed)
      throw new DeskPilotError("MODEL_NOT_INSTALLED", `${entry.id} is not downloaded yet; run \`deskpilot models pull ${entry.id}\` (about ${gb(entry)} GB)`);
    return { modelPath: installed.modelPath, mmprojPath: installed.mmprojPath, profile: profile ?? requireRunnable(entry), ...space, source: "catalog" };
  }
}

// A catalog entry this build cannot run (no profile for its answers, or an architecture the engine
// does not load) is refused with why, before a download or a run, rather than failing after either.
function requireRunnable(entry: ModelCatalogEntry): ProfileId {
  const profile = runnableProfile(entry);
  if (profile) return profile;
  throw new DeskPilotError(
    "MODEL_NOT_RUNNABLE",
    `${entry.id} cannot run in this DeskPilot build: ${whyNotRunnable(entry)}; choose another model (\`deskpilot models list\`), e.g. \`deskpilot models use ${DEFAULT_MODEL_ID}\``,
  );
}

function mergePatch(current: Settings, patch: SettingsPatch): Settings {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const was = next[key];
    const section = value !== null && typeof value === "object" && !Array.isArray(value);
    const nested = section && was !== null && typeof was === "object" && !Array.isArray(was);
    // Inside a section, null clears an optional choice (its default applies again).
    next[key] = section ? Object.fromEntries(Object.entries(nested ? { ...was, ...value } : value).filter(([, v]) => v !== null)) : value;
  }
  return next as Settings;
}

function gb(entry: { mmproj: { approxBytes: number }; quants: ReadonlyArray<{ name: string; text: { approxBytes: number } }>; defaultQuant: string }): string {
  const q = entry.quants.find((x) => x.name === entry.defaultQuant);
  return (((q?.text.approxBytes ?? 0) + entry.mmproj.approxBytes) / 1e9).toFixed(1);
}
