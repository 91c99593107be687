import type { RunsApi } from "../loop/RunsApi.js";
import type { ServiceSlices } from "./ServiceSlices.js";
import type { RunHistoryApi } from "../runs/RunHistoryApi.js";
import type {
  ConfirmMethods,
  GroundingMethods,
  HistoryMethods,
  MacrosMethods,
  ModelsMethods,
  RunsMethods,
  ServiceMethods,
  ServiceMethodName,
  HandlerArgs,
} from "./serviceContract.js";
import type { ModelsApi, SettingsApi } from "../models/ModelsApi.js";
import type { MacrosApi } from "../macros/MacrosApi.js";
import type { GroundingApi } from "../grounding/GroundingService.js";
import { macroFilePath } from "../macros/macroFilePath.js";
import type { ConfirmsApi } from "../policy/ConfirmsApi.js";
import type { PanelWindowReport } from "./PanelWindows.js";

type HandlersOf<M extends Partial<ServiceMethods>> = { [K in keyof M & ServiceMethodName]: (...args: HandlerArgs<K>) => Promise<ServiceMethods[K]["result"]> };

/** A service composed of slices (LocalService): the slice methods plus which slices it was built with. */
export type ComposedService = RunsApi & ConfirmsApi & RunHistoryApi & ModelsApi & SettingsApi & MacrosApi & GroundingApi & { readonly slices: ServiceSlices };

/** True when the service carries slices, so the dispatcher can serve them. */
export function isComposedService(service: object): service is ComposedService {
  return "slices" in service && typeof service.slices === "object";
}

function runHandlers(s: RunsApi): HandlersOf<RunsMethods> {
  return {
    startRun: (task, options?) => s.startRun(task, options ?? {}),
    pauseRun: (id) => s.pauseRun(id),
    resumeRun: (id) => s.resumeRun(id),
    stopRun: (id) => s.stopRun(id),
    runState: (id) => s.runState(id),
    activeRuns: () => s.activeRuns(),
  };
}

/** One route for every answer, a run's or a replay's: the service's ConfirmBroker. */
function confirmHandlers(s: ConfirmsApi): HandlersOf<ConfirmMethods> {
  return { answerConfirm: (id, allow) => s.answerConfirm(id, allow) };
}

function historyHandlers(s: RunHistoryApi): HandlersOf<HistoryMethods> {
  return {
    listRuns: () => s.listRuns(),
    getRun: (id) => s.getRun(id),
    runScreenshot: (id, step) => s.runScreenshot(id, step),
    runReport: (id) => s.runReport(id),
  };
}

function modelHandlers(s: ModelsApi & SettingsApi): HandlersOf<ModelsMethods> {
  return {
    listModels: () => s.listModels(),
    // No signal or callback crosses a transport: progress goes out as model-progress events, cancelPull stops it.
    pullModel: (id, options?) =>
      s.pullModel(id, { ...(options?.quant ? { quant: options.quant } : {}), ...(options?.keepPartialOnCancel ? { keepPartialOnCancel: true } : {}) }),
    cancelPull: (id) => s.cancelPull(id),
    removeModel: (id) => s.removeModel(id),
    verifyModelFiles: (file, mmproj?) => s.verifyModelFiles(file, mmproj),
    useModel: (choice) => s.useModel(choice),
    getSettings: () => s.getSettings(),
    updateSettings: (patch) => s.updateSettings(patch),
  };
}

/** Clients name macros; the name becomes a file in the library here, so no client path reaches MacrosApi. */
function macroHandlers(s: MacrosApi, library: string): HandlersOf<MacrosMethods> {
  const file = (name: string) => macroFilePath(library, name);
  return {
    listMacros: () => s.listMacros(),
    showMacro: (name) => s.showMacro(file(name)),
    loadMacro: (name) => s.loadMacro(file(name)),
    saveMacro: (name, macro) => s.saveMacro(file(name), macro),
    playMacro: ({ name, ...rest }) => s.playMacro({ path: file(name), ...rest }),
    startRecording: (options?) => s.startRecording(options?.stopKey ? { stopKey: options.stopKey } : {}),
    stopRecording: (name, options?) => s.stopRecording(file(name), name, options?.panelInput ? { panelInput: options.panelInput } : {}),
    stopMacro: (reason?) => s.stopMacro(reason),
    saveRunAsMacro: (runId, name) => s.saveRunAsMacro(runId, file(name), name),
  };
}

function groundingHandlers(s: GroundingApi): HandlersOf<GroundingMethods> {
  return { ground: (request) => s.ground(request), ask: (request) => s.ask(request) };
}

/** The handlers of the slices `service` was built with; absent slices get none (UNKNOWN_METHOD). */
export function sliceHandlers(service: ComposedService): Partial<HandlersOf<ServiceMethods>> {
  const { runs, confirms, history, models, macros, grounding, panels } = service.slices;
  return {
    ...(runs ? runHandlers(service) : {}),
    ...(confirms ? confirmHandlers(service) : {}),
    ...(history ? historyHandlers(service) : {}),
    ...(models ? modelHandlers(service) : {}),
    ...(macros ? macroHandlers(service, macros.library) : {}),
    ...(grounding ? groundingHandlers(service) : {}),
    ...(panels ? { reportPanelWindow: async (report: PanelWindowReport) => panels.report(report) } : {}),
  };
}
