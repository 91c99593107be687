import { displaySession, noGlobalInput } from "../platform/displaySession.js";
import { placePanelsByCompositor } from "./placePanelsByCompositor.js";
import { createInputDriver } from "../actions/createInputDriver.js";
import { createScreenSource } from "../capture/screenSources.js";
import type { FrameAnswerer } from "../grounding/FrameAnswerer.js";
import { openVisionModel } from "./createGrounder.js";
import { LazyGroundingService, type AnswererSource } from "../grounding/LazyGroundingService.js";
import { VisionModelAnswerer } from "../grounding/VisionModelAnswerer.js";
import type { RunDefaults } from "../loop/AgentPorts.js";
import { CornerFailSafe } from "../loop/CornerFailSafe.js";
import { RunsController, type RunEnvironment } from "../loop/RunsController.js";
import { LocalMacros } from "../macros/LocalMacros.js";
import { describerLoading, describerWhenLoaded } from "../macros/recorder/describeWithModel.js";
import { windowAt } from "../macros/recorder/windowAt.js";
import type { Rect } from "../geometry/Display.js";
import { macroLibraryDir } from "../macros/macroFilePath.js";
import { LocalModelsApi } from "../models/LocalModelsApi.js";
import { modelProgressEvent } from "../models/modelProgressEvent.js";
import type { InputDriver } from "../ports/InputDriver.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { SpawnHost } from "../vision/HostChannel.js";
import { FileRunHistory } from "../runs/FileRunHistory.js";
import { FileRunStore } from "../runs/FileRunStore.js";
import { runsDir } from "../runs/runsDir.js";
import { modelRunParts } from "./modelRunParts.js";
import { createRunsSlice } from "./createRunsSlice.js";
import { SettingsStore } from "../settings/SettingsStore.js";
import { runOptionsFromSettings } from "../settings/runOptionsFromSettings.js";
import { cpuDefaultsLine, resolveRunSettings } from "../settings/cpuRunDefaults.js";
import { detectHardware } from "../models/detectHardware.js";
import type { HardwareInfo } from "../platform/HardwareInfo.js";
import { defaultSettings } from "../settings/settingsSchema.js";
import type { LoadedRunModel } from "../loop/RunsController.js";
import { withModelGrid, type TokenBounds } from "../frames/TokenBounds.js";
import { modelFrameFactor } from "../profiles/checkFamilyGrid.js";
import { ConfirmBroker } from "../policy/ConfirmBroker.js";
import type { VisionModel } from "../vision/VisionModel.js";
import type { RunsApi } from "../loop/RunsApi.js";
import { settingsPath } from "../platform/userDirs.js";
import { LocalService } from "./LocalService.js";
import { profileOf } from "../profiles/sourceProfile.js";
import { assertSelectedModelLoadable, selectedModelSource, type LoadableSource } from "./selectedModelSource.js";
import { SharedVisionModel, type ModelLease } from "./SharedVisionModel.js";
import { loadingModelDetail } from "./loadingModelDetail.js";
import { PanelWindows } from "./PanelWindows.js";
import { noteHiddenRegions } from "./noteHiddenRegions.js";
import { BlankedScreenSource } from "../capture/BlankedScreenSource.js";
import { OwnWindowGuard } from "../actions/OwnWindowGuard.js";
import type { StartStopKeyHook } from "./ServiceStopKey.js";
import { stopKeyForActivities, type GuardedActivities } from "./stopKeyForActivities.js";

export interface AppServiceOptions {
  readonly screen?: ScreenSource;
  readonly input?: InputDriver;
  /**
   * DeskPilot's own windows on the screen now (global logical px), kept out of macro recordings.
   * Electron passes its windows; `deskpilot serve` has none (its panel is a page in the user's browser).
   */
  readonly ownWindows?: () => readonly Rect[];
  readonly env?: NodeJS.ProcessEnv;
  /** How the local vision engine's host process starts: a Node child by default; Electron passes a utilityProcess. */
  readonly engineHost?: SpawnHost;
  /** The model of every run (tests: a scripted decider); default: the model the settings select, loaded with openModel. */
  readonly createDecider?: RunEnvironment["createDecider"];
  /** How the app's one model loads (tests: a scripted VisionModel); default: openVisionModel. Runs, grounding, ask and macros share it. */
  readonly openModel?: (source: LoadableSource, bounds: TokenBounds, signal: AbortSignal) => Promise<VisionModel>;
  /** The settings file the service reads and writes; the caller passes its own to watch changes (the local-only guard). */
  readonly settings?: SettingsStore;
  /** Whether this machine has a GPU (CPU-only runs get lighter defaults); default: detectHardware, asked once. */
  readonly hardware?: () => Promise<Pick<HardwareInfo, "gpu">>;
  /** Where the service says which CPU-only defaults a run got; default: stderr. */
  readonly log?: (line: string) => void;
  /**
   * The global stop key of every run and replay (the settings' hotkeys.stop, ServiceStopKey): how
   * its hook starts (tests: a fake), or false where the front end registers that same key itself
   * (Electron's globalShortcut, EmergencyHotkeys). Default: StopHotkey, libuiohook in a child process.
   */
  readonly stopKey?: StartStopKeyHook | false;
}

/** The hardware a run without a local engine resolves its settings with: unused there (resolveRunSettings ignores it). */
const NO_LOCAL_ENGINE = { gpu: false } as const;
/**
 * The full app service (docs/design.md §1) for Electron's main process and `deskpilot serve`: screen and
 * input, runs and their history, models and settings, macros and grounding. Nothing heavy happens
 * here: nut-js loads on first capture or action, the selected model on the first run or grounding call.
 */
export function createAppService(options: AppServiceOptions = {}): LocalService {
  const env = options.env ?? process.env;
  const screen = options.screen ?? createScreenSource();
  // The first capture of a process costs ~180 ms (the X connection and nut-js's first grab), the
  // next ~15: take it now, in the background and thrown away, instead of in the first run's first
  // step. Only the real screen, and on X11 only (elsewhere a capture may ask for a permission).
  if (!options.screen && process.platform === "linux" && process.env["DISPLAY"]) setTimeout(() => void screen.capture().catch(() => undefined), 0).unref();
  const rawInput = options.input ?? createInputDriver();
  // A browser panel on this desktop (deskpilot serve) is blanked out of what runs and replays see, and refused as their target.
  const panels = new PanelWindows();
  // on Wayland the pages cannot say where their windows are; the compositor can
  if (!options.screen) placePanelsByCompositor(panels);
  const agentScreen = new BlankedScreenSource(screen, () => panels.rects());
  // Runs and macros act through the fail-safe corner; the panel's one-off act() does not need it.
  const input = new CornerFailSafe(new OwnWindowGuard(rawInput, panels), () => screen.listDisplays());
  const runsFolder = runsDir(env);
  // Step lines say where the browser panel was painted out of their screenshots.
  const store = noteHiddenRegions(new FileRunStore(runsFolder));

  const settings = options.settings ?? new SettingsStore(settingsPath(env));
  const models = new LocalModelsApi({
    store: settings,
    env,
    emitProgress: (p) => service.emit(modelProgressEvent(p)),
  });
  let hardware: Promise<Pick<HardwareInfo, "gpu">> | undefined;
  // A remote or scripted model never waits for the engine probe (an engine host started and asked).
  const probeHardware = () => (hardware ??= (options.hardware ?? detectHardware)());
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  // One loaded model for the whole app: runs, grounding, ask and macros borrow it (issue 12, defect 6).
  // On a CPU it loads with the lower image-token maximum (the run's frames are prepared with the
  // same resolved bounds), and the grounder's auto zoom refines on larger screens.
  let toldCpuMax = false;
  const selectModel = async () => {
    const selected = await selectedModelSource(models);
    const { settings: chosen } = await models.getSettings();
    const local = selected.source.kind === "local";
    const { min, max } = resolveRunSettings(chosen, local ? await probeHardware() : NO_LOCAL_ENGINE, local).settings.imageTokens;
    if (max < chosen.imageTokens.max && !toldCpuMax) {
      toldCpuMax = true;
      log(`no GPU found: model frames have at most ${max} image tokens (settings imageTokens.max to change)`);
    }
    return { ...selected, bounds: { minImageTokens: min, maxImageTokens: max } };
  };
  const openModel = options.openModel ?? ((source, bounds, signal) => openVisionModel(source, bounds, signal, undefined, options.engineHost));
  const shared = new SharedVisionModel(selectModel, openModel);
  const answerers = sharedAnswerers(shared);
  const grounding = new LazyGroundingService(screen, answerers, async () => (await settings.load()).settings.groundingPrompt);
  // The user's policy, image-token bounds and dry-run setting, refreshed from the file as each run
  // starts (startRunWithSettings), so a change made in the Settings screen applies to the next run.
  const defaults: RunDefaults = runOptionsFromSettings(defaultSettings());
  // The one place a run's defaults are resolved: the settings file, then (local engine, no GPU,
  // a setting left at its default) the CPU-only defaults; the model loads with the same bounds.
  let inspectors = true;
  const refreshRunDefaults = async () => {
    const loaded = (await settings.load()).settings;
    // a scripted decider is no local engine, whatever the machine has
    const local = loaded.endpoint === null && !options.createDecider;
    const resolved = resolveRunSettings(loaded, local ? await probeHardware() : NO_LOCAL_ENGINE, local);
    inspectors = resolved.inspectors;
    if (resolved.cpuDefaults.length > 0) log(cpuDefaultsLine(resolved.cpuDefaults));
    Object.assign(defaults, runOptionsFromSettings(resolved.settings), { cpuDefaults: resolved.cpuDefaults });
  };
  // One broker for every question to the user, a run's or a replay's: answerConfirm reaches it, whichever asked.
  const confirms = new ConfirmBroker((event) => service.emit(event));
  const controller = createRunsSlice(
    {
      screen: agentScreen,
      input,
      store,
      liveFrames: true, // the panel's live view
      confirms,
      defaults,
      ...(options.createDecider
        ? { createDecider: options.createDecider }
        : {
            // A missing model fails startRun with its code, instead of a run that ends in error.
            preflight: () => assertSelectedModelLoadable(models),
            createDecider: async (signal, onLoading): Promise<LoadedRunModel> => {
              // The run borrows the app's model; the decider's dispose gives it back, never unloads it.
              const { model, source } = await shared.borrow(signal, (s) => onLoading?.(loadingModelDetail(s)));
              return modelRunParts(model, source, inspectors);
            },
          }),
    },
    (event) => service.emit(event),
  );
  const localMacros = new LocalMacros({
    screen: agentScreen,
    input,
    runs: store,
    failSafe: input.check,
    library: macroLibraryDir(env),
    onEvent: (event) => service.emit(event),
    confirms,
    // Template matching still works when no model is installed.
    grounder: () => grounding.grounder().catch(() => undefined),
    // A saved run's targets are named by the model when it is loaded already (saving never waits for a load).
    describer: describerWhenLoaded(() => grounding.loadedAnswerer()),
    // A recording loads the selected model beside it (if it is not loaded), so its targets get descriptions too.
    recordingDescriber: describerLoading(() => answerers.borrow()),
    ...(options.ownWindows ? { ownWindows: options.ownWindows } : {}),
    // The real window list describes the real screen only.
    ...(options.screen ? {} : { windowAt }),
  });
  const guarded =
    options.stopKey === false
      ? undefined
      : stopKeyForActivities({
          controller,
          macros: localMacros,
          settings,
          emit: (e) => service.emit(e),
          ...(options.createDecider ? {} : { preflight: () => assertSelectedModelLoadable(models) }),
          ...(options.stopKey ? { start: options.stopKey } : {}),
          // the real desktop's session; a test's fake screen has none
          ...(options.screen ? {} : { unavailable: () => noGlobalInput(displaySession()) }),
        });
  const macros = guarded?.macros ?? localMacros;
  const runs = startRunWithSettings(controller, refreshRunDefaults, guarded);
  // Slices emit through the service; they emit only once it exists (after a call reaches them).
  // The grounding slice is released after runs and macros; the app's model goes with it.
  const groundingSlice = {
    ground: (...a: Parameters<LazyGroundingService["ground"]>) => grounding.ground(...a),
    ask: (...a: Parameters<LazyGroundingService["ask"]>) => grounding.ask(...a),
    dispose: async () => {
      await grounding.dispose();
      await shared.dispose();
    },
  };
  const service = new LocalService(screen, rawInput, {
    runs,
    confirms,
    history: new FileRunHistory(runsFolder),
    models,
    grounding: groundingSlice,
    macros: { api: macros, library: macroLibraryDir(env) },
    panels,
  });
  return service;
}

/** The grounding slice's answerers over the shared model: each borrows it for one request. */
function sharedAnswerers(shared: SharedVisionModel): AnswererSource {
  const over = (lease: ModelLease): FrameAnswerer => {
    const { profile, coordinates } = profileOf(lease.source);
    return new VisionModelAnswerer(lease.model, lease.bounds, lease.source.kind === "local" || lease.source.sendGrammar === true, profile, coordinates);
  };
  return {
    borrow: async (signal) => over(await shared.borrow(signal)),
    loaded: () => {
      const loaded = shared.loaded();
      if (!loaded) return undefined;
      const constrained = loaded.source.kind === "local" || loaded.source.sendGrammar === true;
      const family = profileOf(loaded.source);
      return {
        // frames are prepared on the loaded model's grid, as VisionModelAnswerer does
        bounds: withModelGrid(loaded.bounds, modelFrameFactor(loaded.model, family.profile)),
        constrained,
        ...family,
        answer: async (request) => {
          const answerer = over(await shared.borrow(request.signal));
          try {
            return await answerer.answer(request);
          } finally {
            await answerer.dispose();
          }
        },
        dispose: async () => undefined,
      };
    },
  };
}

/** The runs slice with `refresh` (reading the settings into the run defaults) before each start, and the stop key held over each run. */
function startRunWithSettings(
  runs: RunsController,
  refresh: () => Promise<unknown>,
  guarded: GuardedActivities | undefined,
): RunsApi & { dispose(): Promise<void> } {
  const start = guarded?.startRun ?? ((task, options) => runs.startRun(task, options));
  return {
    startRun: async (task, options) => {
      await refresh();
      return start(task, options);
    },
    pauseRun: (id) => runs.pauseRun(id),
    resumeRun: (id) => runs.resumeRun(id),
    stopRun: (id) => runs.stopRun(id),
    runState: (id) => runs.runState(id),
    activeRuns: () => runs.activeRuns(),
    dispose: async () => {
      await runs.dispose();
      await guarded?.stopKey.dispose();
    },
  };
}
