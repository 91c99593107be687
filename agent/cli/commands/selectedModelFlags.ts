import type { Command } from "commander";
import type { LocalModelsApi } from "../../models/LocalModelsApi.js";
import { settingsPath } from "../../platform/userDirs.js";
import { DeskPilotError } from "../../errors/DeskPilotError.js";
import { UsageError } from "../../errors/UsageError.js";
import { findCatalogEntry } from "../../models/modelCatalog.js";
import { listInstalledModels } from "../../models/listInstalledModels.js";
import { unknownModelId } from "../unknownModelId.js";

/**
 * `--model-id ID` (docs/design.md §9), and the default when no model flag is given at all: the files
 * of a downloaded catalog model, or of the model `deskpilot models use` selected. Runs as a
 * pre-action hook, so every command with the model flags gets `--model`/`--mmproj` filled in.
 */
export function addSelectedModelFlag(cmd: Command): Command {
  return cmd
    .option("--model-id <id>", "a downloaded catalog model (deskpilot models list); default: the selected model")
    .hook("preAction", async (_self, action) => {
      const o = action.opts<{ modelId?: string; model?: string; mmproj?: string; endpoint?: string; oracle?: string; replay?: string; profile?: string }>();
      const explicit = o.model || o.mmproj || o.endpoint || o.oracle || o.replay;
      if (explicit && o.modelId) throw new UsageError("--model-id cannot be combined with --model/--mmproj or --endpoint");
      if (explicit) return;
      // Loaded only here: a command given its model files never pays for the models stack (~0.5 s to import).
      const [{ LocalModelsApi }, { SettingsStore }] = await Promise.all([import("../../models/LocalModelsApi.js"), import("../../settings/SettingsStore.js")]);
      const api = new LocalModelsApi({ store: new SettingsStore(settingsPath()) });
      // Without --model-id the selected model is only a default: commands whose model is
      // optional (macro play, bench loop) must still run when none is downloaded.
      // Why the default is unusable is kept for the "choose one model" error, which then says it.
      const files = o.modelId
        ? await installedFiles(api, o.modelId)
        : await api.activeModel().catch((error: Error) => void action.setOptionValue("defaultModelProblem", error.message));
      if (!files) return;
      action.setOptionValue("model", files.modelPath);
      action.setOptionValue("mmproj", files.mmprojPath);
      // A catalog model brings its profile (UI-TARS answers in its own format); --profile still wins.
      if (o.profile === undefined && files.profile) action.setOptionValue("profile", files.profile);
      if (files.coordinates && action.getOptionValue("coordinates") === undefined) action.setOptionValue("coordinates", files.coordinates);
    });
}

async function installedFiles(api: LocalModelsApi, id: string): Promise<{ modelPath: string; mmprojPath: string; profile?: string; coordinates?: string }> {
  const found = await api.installedModel(id);
  if (!found) {
    const typo = unknownModelId(
      id,
      (await listInstalledModels(await api.modelsDir())).map((m) => m.id),
    );
    if (typo) throw typo;
    throw new DeskPilotError(
      "MODEL_NOT_INSTALLED",
      `${id} is not downloaded in ${await api.modelsDir()}; run \`deskpilot models pull ${id}\` or see \`deskpilot models list\`.`,
    );
  }
  const entry = findCatalogEntry(found.id);
  return { ...found, ...(entry ? { profile: entry.profile } : {}) };
}
