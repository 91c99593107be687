import type { CoreService, CaptureResult } from "./DeskPilotService.js";
import type { RunsApi } from "../loop/RunsApi.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { InputDriver } from "../ports/InputDriver.js";
import type { ComputerAction } from "../actions/ComputerAction.js";
import { executeAction, type ActionOutcome } from "../actions/executeAction.js";
import type { Display } from "../geometry/Display.js";
import { EventHub } from "./EventHub.js";
import { encodePng } from "../capture/encodePng.js";
import type { ServiceSlices, SliceName } from "./ServiceSlices.js";
import { SliceNotConfiguredError } from "./SliceNotConfiguredError.js";
import type { ModelsApi, SettingsApi } from "../models/ModelsApi.js";
import type { MacrosApi } from "../macros/MacrosApi.js";
import type { GroundingApi } from "../grounding/GroundingService.js";
import type { RunHistoryApi } from "../runs/RunHistoryApi.js";
import type { ConfirmsApi } from "../policy/ConfirmsApi.js";

type Args<F> = F extends (...a: infer A) => unknown ? A : never;

/**
 * The service over this machine's screen and input, wired from injected ports, composed with
 * whichever slices it is given (runs, confirmations, models and settings, macros, grounding): each slice
 * method delegates, and throws SliceNotConfiguredError when that slice is absent.
 */
export class LocalService extends EventHub implements CoreService, RunsApi, ConfirmsApi, RunHistoryApi, ModelsApi, SettingsApi, MacrosApi, GroundingApi {
  private disposed = false;

  constructor(
    private readonly screen: ScreenSource,
    private readonly input: InputDriver,
    readonly slices: ServiceSlices = {},
  ) {
    super();
  }

  listDisplays(): Promise<Display[]> {
    return this.screen.listDisplays();
  }

  async capture(displayId?: string): Promise<CaptureResult> {
    const c = await this.screen.capture(displayId);
    const png = await encodePng(c);
    return { display: c.display, width: c.width, height: c.height, png, ms: c.ms };
  }

  async act(action: ComputerAction, options: { dryRun?: boolean } = {}): Promise<ActionOutcome> {
    return executeAction(action, this.input, await this.screen.listDisplays(), options);
  }

  // Runs
  startRun = async (...a: Args<RunsApi["startRun"]>) => this.slice("runs").startRun(...a);
  pauseRun = async (...a: Args<RunsApi["pauseRun"]>) => this.slice("runs").pauseRun(...a);
  resumeRun = async (...a: Args<RunsApi["resumeRun"]>) => this.slice("runs").resumeRun(...a);
  stopRun = async (...a: Args<RunsApi["stopRun"]>) => this.slice("runs").stopRun(...a);
  runState = async (...a: Args<RunsApi["runState"]>) => this.slice("runs").runState(...a);
  activeRuns = async () => this.slice("runs").activeRuns();

  // Confirmations (a run's or a replay's: one broker)
  answerConfirm = async (...a: Args<ConfirmsApi["answerConfirm"]>) => this.slice("confirms").answerConfirm(...a);

  // History
  listRuns = async () => this.slice("history").listRuns();
  getRun = async (...a: Args<RunHistoryApi["getRun"]>) => this.slice("history").getRun(...a);
  runScreenshot = async (...a: Args<RunHistoryApi["runScreenshot"]>) => this.slice("history").runScreenshot(...a);
  runReport = async (...a: Args<RunHistoryApi["runReport"]>) => this.slice("history").runReport(...a);

  // Models and settings
  listModels = async () => this.slice("models").listModels();
  pullModel = async (...a: Args<ModelsApi["pullModel"]>) => this.slice("models").pullModel(...a);
  cancelPull = async (...a: Args<ModelsApi["cancelPull"]>) => this.slice("models").cancelPull(...a);
  removeModel = async (...a: Args<ModelsApi["removeModel"]>) => this.slice("models").removeModel(...a);
  verifyModelFiles = async (...a: Args<ModelsApi["verifyModelFiles"]>) => this.slice("models").verifyModelFiles(...a);
  useModel = async (...a: Args<ModelsApi["useModel"]>) => this.slice("models").useModel(...a);
  activeModel = async () => this.slice("models").activeModel();
  getSettings = async () => this.slice("models").getSettings();
  updateSettings = async (...a: Args<SettingsApi["updateSettings"]>) => this.slice("models").updateSettings(...a);

  // Macros (paths: the dispatcher resolves client names in slices.macros.library first)
  listMacros = async () => this.slice("macros").api.listMacros();
  showMacro = async (...a: Args<MacrosApi["showMacro"]>) => this.slice("macros").api.showMacro(...a);
  loadMacro = async (...a: Args<MacrosApi["loadMacro"]>) => this.slice("macros").api.loadMacro(...a);
  saveMacro = async (...a: Args<MacrosApi["saveMacro"]>) => this.slice("macros").api.saveMacro(...a);
  playMacro = async (...a: Args<MacrosApi["playMacro"]>) => this.slice("macros").api.playMacro(...a);
  startRecording = async (...a: Args<MacrosApi["startRecording"]>) => this.slice("macros").api.startRecording(...a);
  recordingStopRequested = async () => this.slice("macros").api.recordingStopRequested();
  stopRecording = async (...a: Args<MacrosApi["stopRecording"]>) => this.slice("macros").api.stopRecording(...a);
  stopMacro = async (...a: Args<MacrosApi["stopMacro"]>) => this.slice("macros").api.stopMacro(...a);
  saveRunAsMacro = async (...a: Args<MacrosApi["saveRunAsMacro"]>) => this.slice("macros").api.saveRunAsMacro(...a);

  // Grounding
  ground = async (...a: Args<GroundingApi["ground"]>) => this.slice("grounding").ground(...a);
  ask = async (...a: Args<GroundingApi["ask"]>) => this.slice("grounding").ask(...a);

  /** Stops runs and macros, then releases every slice; idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const { runs, confirms, history, models, macros, grounding } = this.slices;
    const macroApi = macros?.api;
    await Promise.allSettled([runs?.dispose?.(), macroApi && (macroApi.dispose ? macroApi.dispose() : macroApi.stopMacro("the service is shutting down"))]);
    // Stopped runs and replays have refused their questions already; the broker refuses any left.
    await confirms?.dispose?.();
    await Promise.allSettled([grounding?.dispose?.(), models?.dispose?.(), history?.dispose?.()]);
    this.clear();
  }

  private slice<K extends SliceName>(name: K): NonNullable<ServiceSlices[K]> {
    const s = this.slices[name];
    if (!s) throw new SliceNotConfiguredError(name);
    return s;
  }
}
