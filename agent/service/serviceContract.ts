import type { Display } from "../geometry/Display.js";
import type { CaptureResult } from "./DeskPilotService.js";
import type { ActiveRun } from "../loop/RunsApi.js";
import type { ActionOutcome } from "../actions/executeAction.js";
import type { RunState } from "../loop/RunEvent.js";
import type { ErrorInfo } from "../errors/ErrorInfo.js";
import type { GroundResult } from "../grounding/Grounder.js";
import type { GroundMode } from "../profiles/GroundCandidate.js";
import type { AskResult } from "../grounding/askAboutImage.js";
import type { ModelList, SettingsPatch } from "../models/ModelsApi.js";
import type { InstalledModel } from "../models/listInstalledModels.js";
import type { GgufFileReport } from "../models/inspectGgufFile.js";
import type { LoadedSettings } from "../settings/SettingsStore.js";
import type { Settings } from "../settings/settingsSchema.js";
import type { BrokenMacro, MacroSummary } from "../macros/MacrosApi.js";
import type { MacroPlayReport } from "../macros/MacroPlayReport.js";
import type { Macro } from "../macros/MacroSchema.js";
import type { PanelInputEvent } from "../macros/recorder/panelInput.js";
import type { PanelWindowReport } from "./PanelWindows.js";
import type { RunDetail, RunSummary } from "../runs/RunHistoryApi.js";

/** Options of `act` as a client sends them. */
export interface ActOptions {
  readonly dryRun?: boolean;
}

/** A grounding request as a client sends it: always on a fresh capture (no image, signal or callback crosses a transport). */
export interface GroundCall {
  readonly query: string;
  readonly mode?: GroundMode;
  readonly zoom?: boolean | "auto";
  readonly displayId?: string;
}

export interface AskCall {
  readonly question: string;
  readonly maxTokens?: number;
  readonly displayId?: string;
}

/** A macro replay as a client asks for it: by name in the library, never by path, and no allowRisky. */
export interface MacroPlayCall {
  readonly name: string;
  readonly variables?: Readonly<Record<string, string>>;
  readonly fast?: boolean;
  readonly minConfidence?: number;
}

/** The minimum every transport serves. */
export interface CoreMethods {
  listDisplays: { args: []; result: Display[] };
  capture: { args: [displayId?: string]; result: CaptureResult };
  act: { args: [action: unknown, options?: ActOptions]; result: ActionOutcome };
}

export interface RunsMethods {
  startRun: { args: [task: string, options?: { maxSteps?: number; dryRun?: boolean }]; result: { runId: string } };
  pauseRun: { args: [runId: string]; result: void };
  resumeRun: { args: [runId: string]; result: void };
  stopRun: { args: [runId: string]; result: void };
  runState: { args: [runId: string]; result: RunState };
  /** Runs still going and their open confirmations, for a client that (re)connects mid-run. */
  activeRuns: { args: []; result: ActiveRun[] };
}

/** A run's or a replay's confirmation, answered by its request id (the events' `source` says which asked). */
export interface ConfirmMethods {
  answerConfirm: { args: [requestId: string, allow: boolean]; result: void };
}

/** Past runs from the run records; screenshots and reports by run id, never by path. */
export interface HistoryMethods {
  listRuns: { args: []; result: RunSummary[] };
  getRun: { args: [runId: string]; result: RunDetail };
  runScreenshot: { args: [runId: string, step: number]; result: { png: Uint8Array } };
  runReport: { args: [runId: string]; result: { html: string } };
}

/** Models and settings; a pull reports through `model-progress` events and stops with cancelPull. */
export interface ModelsMethods {
  listModels: { args: []; result: ModelList };
  pullModel: { args: [id: string, options?: { quant?: string; keepPartialOnCancel?: boolean }]; result: InstalledModel };
  cancelPull: { args: [id: string]; result: boolean };
  removeModel: { args: [id: string]; result: boolean };
  verifyModelFiles: { args: [file: string, mmproj?: string]; result: { files: GgufFileReport[]; pairProblem: string | undefined } };
  useModel: { args: [choice: { id: string; quant?: string } | { model: string; mmproj: string }]; result: Settings };
  getSettings: { args: []; result: LoadedSettings };
  updateSettings: { args: [patch: SettingsPatch]; result: Settings };
}

/** Macros by name in the library folder (see agent/macros/macroCallSchemas.ts). */
export interface MacrosMethods {
  listMacros: { args: []; result: (MacroSummary | BrokenMacro)[] };
  showMacro: { args: [name: string]; result: MacroSummary };
  loadMacro: { args: [name: string]; result: Macro };
  saveMacro: { args: [name: string, macro: unknown]; result: MacroSummary };
  playMacro: { args: [request: MacroPlayCall]; result: MacroPlayReport };
  startRecording: { args: [options?: { stopKey?: string }]; result: void };
  /** `panelInput`: the input the calling panel's page received while recording, left out of the macro (its window is DeskPilot's own). */
  stopRecording: { args: [name: string, options?: { panelInput?: PanelInputEvent[] }]; result: MacroSummary };
  stopMacro: { args: [reason?: string]; result: void };
  /** Saves a finished agent run as a macro named `name` in the library. */
  saveRunAsMacro: { args: [runId: string, name: string]; result: MacroSummary };
}

/** The browser panel's own window, reported by the page while it is open, kept out of what the agent sees and clicks (PanelWindows). */
export interface PanelMethods {
  reportPanelWindow: { args: [report: PanelWindowReport]; result: void };
}

export interface GroundingMethods {
  ground: { args: [request: GroundCall]; result: GroundResult };
  ask: { args: [request: AskCall]; result: AskResult };
}

/**
 * The service methods clients may call over a transport (Electron IPC, the WebSocket of
 * `deskpilot serve`): arguments as a client sends them and the result. `act` takes the
 * action as `unknown` because the dispatcher validates it against the computer_use schema.
 * A method of a slice the service was built without answers UNKNOWN_METHOD.
 */
export interface ServiceMethods extends CoreMethods, RunsMethods, ConfirmMethods, HistoryMethods, ModelsMethods, MacrosMethods, GroundingMethods, PanelMethods {}

export type ServiceMethodName = keyof ServiceMethods;

/** Every reply is an envelope, so a service error reaches the client as `{code, message}`. */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };
