import type { z } from "zod";
import type { callSchemas } from "./callSchemas.js";
import type { Display } from "../geometry/Display.js";
import type { CaptureResult } from "./DeskPilotService.js";
import type { ActiveRun } from "../loop/RunsApi.js";
import type { ActionOutcome } from "../actions/executeAction.js";
import type { RunState } from "../loop/RunEvent.js";
import type { ErrorInfo } from "../errors/ErrorInfo.js";
import type { GroundResult } from "../grounding/Grounder.js";
import type { AskResult } from "../grounding/askAboutImage.js";
import type { ModelList } from "../models/ModelsApi.js";
import type { InstalledModel } from "../models/listInstalledModels.js";
import type { GgufFileReport } from "../models/inspectGgufFile.js";
import type { LoadedSettings } from "../settings/SettingsStore.js";
import type { Settings } from "../settings/settingsSchema.js";
import type { BrokenMacro, MacroSummary } from "../macros/MacrosApi.js";
import type { MacroPlayReport } from "../macros/MacroPlayReport.js";
import type { Macro } from "../macros/MacroSchema.js";
import type { RunDetail, RunSummary } from "../runs/RunHistoryApi.js";

/** Options of `act` as a client sends them. */
export interface ActOptions {
  readonly dryRun?: boolean;
}

/**
 * What each service method returns. Its arguments, as a client sends them, are the input type of
 * its zod schema in callSchemas (ServiceMethods below): the schema that checks a call is also
 * the one place its argument types are written.
 */
interface ServiceResults {
  // the core, served by every transport
  listDisplays: Display[];
  capture: CaptureResult;
  act: ActionOutcome;
  // runs
  startRun: { runId: string };
  pauseRun: void;
  resumeRun: void;
  stopRun: void;
  runState: RunState;
  /** Runs still going and their open confirmations, for a client that (re)connects mid-run. */
  activeRuns: ActiveRun[];
  /** A run's or a replay's confirmation, answered by its request id (the events' `source` says which asked). */
  answerConfirm: void;
  // past runs from the run records; screenshots and reports by run id, never by path
  listRuns: RunSummary[];
  getRun: RunDetail;
  runScreenshot: { png: Uint8Array };
  runReport: { html: string };
  // models and settings; a pull reports through `model-progress` events and stops with cancelPull
  listModels: ModelList;
  pullModel: InstalledModel;
  cancelPull: boolean;
  removeModel: boolean;
  verifyModelFiles: { files: GgufFileReport[]; pairProblem: string | undefined };
  useModel: Settings;
  getSettings: LoadedSettings;
  updateSettings: Settings;
  // macros by name in the library folder (agent/macros/macroCallSchemas.ts)
  listMacros: (MacroSummary | BrokenMacro)[];
  showMacro: MacroSummary;
  loadMacro: Macro;
  saveMacro: MacroSummary;
  playMacro: MacroPlayReport;
  startRecording: void;
  /** `panelInput`: the input the calling panel's page received while recording, left out of the macro (its window is DeskPilot's own). */
  stopRecording: MacroSummary;
  stopMacro: void;
  /** Saves a finished agent run as a macro named `name` in the library. */
  saveRunAsMacro: MacroSummary;
  // grounding
  ground: GroundResult;
  ask: AskResult;
  /** The browser panel's own window, reported by the page while it is open, kept out of what the agent sees and clicks (PanelWindows). */
  reportPanelWindow: void;
}

/**
 * The service methods clients may call over a transport (Electron IPC, the WebSocket of
 * `deskpilot serve`): arguments as a client sends them (the input of the method's schema) and
 * the result. `act` takes the action as `unknown` because the dispatcher validates it against
 * the computer_use schema. A method of a slice the service was built without answers UNKNOWN_METHOD.
 */
export type ServiceMethods = { [K in keyof ServiceResults]: { args: z.input<(typeof callSchemas)[K]>; result: ServiceResults[K] } };

export type ServiceMethodName = keyof ServiceMethods;

// A schema with no result above would be a method no type knows: refused at compile time.
type SchemasWithoutResult = Exclude<keyof typeof callSchemas, keyof ServiceResults>;
const everySchemaHasAResult: [SchemasWithoutResult] extends [never] ? true : SchemasWithoutResult = true;
void everySchemaHasAResult;

/** The arguments a handler gets: the schema's, with the `null` a client may send for "absent" turned into undefined by the dispatcher. */
export type HandlerArgs<K extends ServiceMethodName> = WithoutNull<ServiceMethods[K]["args"]>;
type WithoutNull<A> = { [I in keyof A]: Exclude<A[I], null> };

type Group<K extends ServiceMethodName> = Pick<ServiceMethods, K>;
/** The minimum every transport serves. */
export type CoreMethods = Group<"listDisplays" | "capture" | "act">;
export type RunsMethods = Group<"startRun" | "pauseRun" | "resumeRun" | "stopRun" | "runState" | "activeRuns">;
export type ConfirmMethods = Group<"answerConfirm">;
export type HistoryMethods = Group<"listRuns" | "getRun" | "runScreenshot" | "runReport">;
export type ModelsMethods = Group<
  "listModels" | "pullModel" | "cancelPull" | "removeModel" | "verifyModelFiles" | "useModel" | "getSettings" | "updateSettings"
>;
export type MacrosMethods = Group<
  "listMacros" | "showMacro" | "loadMacro" | "saveMacro" | "playMacro" | "startRecording" | "stopRecording" | "stopMacro" | "saveRunAsMacro"
>;
export type GroundingMethods = Group<"ground" | "ask">;
export type PanelMethods = Group<"reportPanelWindow">;

/** Every reply is an envelope, so a service error reaches the client as `{code, message}`. */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };
