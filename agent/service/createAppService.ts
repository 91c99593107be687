import { join } from "node:path";
import { NutInputDriver } from "../actions/NutInputDriver.js";
import { NutScreenSource } from "../capture/NutScreenSource.js";
import { createAnswerer, openVisionModel } from "../grounding/createGrounder.js";
import { LazyGroundingService } from "../grounding/LazyGroundingService.js";
import { DEFAULT_TOKEN_BOUNDS } from "../grounding/prepareGroundingFrame.js";
import { systemClock } from "../loop/Clock.js";
import { CornerFailSafe } from "../loop/CornerFailSafe.js";
import { ModelDecider } from "../loop/ModelDecider.js";
import { RunsController } from "../loop/RunsController.js";
import { defaultSettle } from "../loop/settleScreen.js";
import { LocalMacros } from "../macros/LocalMacros.js";
import { macroLibraryDir } from "../macros/macroFilePath.js";
import { LocalModelsApi } from "../models/LocalModelsApi.js";
import { defaultSafetyPolicy } from "../policy/SafetyPolicy.js";
import type { InputDriver } from "../ports/InputDriver.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import { FileRunStore } from "../runs/FileRunStore.js";
import { SettingsStore } from "../settings/SettingsStore.js";
import { settingsPath, userDirs } from "../settings/userDirs.js";
import { LocalService } from "./LocalService.js";
import { selectedModelSource } from "./selectedModelSource.js";

export interface AppServiceOptions {
  readonly screen?: ScreenSource;
  readonly input?: InputDriver;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The full app service (DESIGN §1) for Electron's main process and `deskpilot serve`: screen and
 * input, runs, models and settings, macros and grounding. Nothing heavy happens here: nut-js loads
 * on first capture or action, the selected model on the first run or grounding call.
 */
export function createAppService(options: AppServiceOptions = {}): LocalService {
  const env = options.env ?? process.env;
  const screen = options.screen ?? new NutScreenSource();
  const rawInput = options.input ?? new NutInputDriver();
  // Runs and macros act through the fail-safe corner; the panel's one-off act() does not need it.
  const input = new CornerFailSafe(rawInput, () => screen.listDisplays());
  const store = new FileRunStore(join(userDirs(env).data, "runs"));

  const models = new LocalModelsApi({
    store: new SettingsStore(settingsPath(env)),
    env,
    emitProgress: (p) => service.emit({ type: "model-progress", modelId: p.modelId, receivedBytes: p.receivedBytes, totalBytes: p.totalBytes }),
  });
  const grounding = new LazyGroundingService(screen, async () => {
    const { source, bounds } = await selectedModelSource(models);
    return createAnswerer(source, bounds);
  });
  // Runs prepare frames with the default token bounds, so their model loads with the same ones.
  const bounds = DEFAULT_TOKEN_BOUNDS;
  const runs = new RunsController(
    {
      screen, input, clock: systemClock, store, failSafe: input.check,
      createDecider: async (signal) => {
        const { source } = await selectedModelSource(models);
        return new ModelDecider(await openVisionModel(source, bounds, signal), { grammar: true, ownsModel: true });
      },
      defaults: {
        policy: defaultSafetyPolicy, bounds, settle: defaultSettle,
        stepTimeoutMs: 180_000, runTimeoutMs: 60 * 60_000, maxConsecutiveFailures: 3, maxRepeats: 3, maxUnchangedSteps: 6,
        historyEntries: 40, historyScreenshots: 2,
      },
    },
    (event) => service.emit(event),
  );
  const macros = new LocalMacros({
    screen, input, runs: store, failSafe: input.check, library: macroLibraryDir(env),
    onEvent: (event) => service.emit(event),
    // Template matching still works when no model is installed.
    grounder: () => grounding.grounder().catch(() => undefined),
  });
  // Slices emit through the service; they emit only once it exists (after a call reaches them).
  const service = new LocalService(screen, rawInput, { runs, models, grounding, macros: { api: macros, library: macroLibraryDir(env) } });
  return service;
}
