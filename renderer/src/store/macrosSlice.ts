import type { ErrorInfo, IpcMethods, ServiceEvent } from "../../../electron/shared/ipcContract.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";
import { PanelInputLog } from "./panelInputLog.js";

export type MacroListEntry = IpcMethods["listMacros"]["result"][number];
export type MacroSummary = Extract<MacroListEntry, { steps: unknown }>;
export type BrokenMacro = Extract<MacroListEntry, { error: unknown }>;
export type Macro = IpcMethods["loadMacro"]["result"];
export type MacroStep = Macro["steps"][number];
export type MacroPlayReport = IpcMethods["playMacro"]["result"];
export type RunChoice = IpcMethods["listRuns"]["result"][number];
export type MacroStepEvent = Extract<ServiceEvent, { type: "macro-step" }>;
export type MacroStateEvent = Extract<ServiceEvent, { type: "macro-state" }>;
export type ConfirmRequestEvent = Extract<ServiceEvent, { type: "confirm-request" }>;
export type ConfirmAnsweredEvent = Extract<ServiceEvent, { type: "confirm-answered" }>;

/** A replay as the panel follows it: the latest event of each step, then the report (or the error that stopped the call). */
export interface MacroPlayView {
  readonly file: string;
  /** The replay's run id, once the service says it started: its confirm-request events carry it. */
  readonly runId?: string;
  /** A risky step waiting for the user's answer. */
  readonly confirm?: ConfirmRequestEvent;
  readonly total: number;
  readonly steps: Readonly<Record<number, MacroStepEvent>>;
  readonly running: boolean;
  readonly report?: MacroPlayReport;
  readonly error?: ErrorInfo;
}

/** `stopped`: the stop key ended the recording (nothing more is recorded); it waits for a name or a discard. */
export type MacroRecordingState = "idle" | "starting" | "recording" | "stopped" | "saving";

export interface MacrosSlice {
  macroList?: MacroListEntry[];
  macroListError?: ErrorInfo;
  loadMacroList(): Promise<void>;

  /** The library name (file name without .json) of the macro open in the editor. */
  openMacroFile?: string;
  macroDraft?: Macro;
  macroDraftDirty: boolean;
  macroEditError?: ErrorInfo;
  macroSavedNote?: string;
  openMacro(file: string): Promise<void>;
  closeMacro(): void;
  editMacro(edit: (macro: Macro) => Macro): void;
  saveMacroDraft(): Promise<void>;

  macroPlay?: MacroPlayView;
  playMacro(file: string, variables: Record<string, string>, fast: boolean): Promise<void>;
  stopMacroPlay(): Promise<void>;
  answerMacroConfirm(allow: boolean): Promise<void>;
  applyMacroEvent(event: MacroStepEvent | MacroStateEvent | ConfirmRequestEvent | ConfirmAnsweredEvent): void;

  macroRecording: MacroRecordingState;
  macroRecordNote?: string;
  macroRecordError?: ErrorInfo;
  startMacroRecording(): Promise<void>;
  stopMacroRecording(name: string): Promise<void>;
  discardMacroRecording(): Promise<void>;

  /** Successful runs to save as macros; undefined until loaded or when the service cannot list runs. */
  macroRunChoices?: RunChoice[];
  /** The service has no run history: the user types the run id. */
  macroRunsUnlisted: boolean;
  macroRunError?: ErrorInfo;
  macroRunNote?: string;
  savingRunAsMacro: boolean;
  loadMacroRunChoices(): Promise<void>;
  /** A run ended: it may be a successful one to make a macro from, so a list already shown is read again. */
  macroRunChoicesOnRunEnded(): void;
  saveRunAsMacro(runId: string, name: string): Promise<void>;
}

/** The library name of a macro file: what the service's macro methods take. */
export function macroFileName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.json$/i, "");
}

export function isBrokenMacro(entry: MacroListEntry): entry is BrokenMacro {
  return "error" in entry;
}

/** Moves step `index` by `delta` places (clamped). */
export function moveStep(macro: Macro, index: number, delta: number): Macro {
  const to = Math.max(0, Math.min(macro.steps.length - 1, index + delta));
  if (to === index) return macro;
  const steps = [...macro.steps];
  const [step] = steps.splice(index, 1);
  steps.splice(to, 0, step!);
  return { ...macro, steps };
}

export function deleteStep(macro: Macro, index: number): Macro {
  return { ...macro, steps: macro.steps.filter((_, i) => i !== index) };
}

/** Inserts a wait step after step `index` (-1: first). */
export function insertWait(macro: Macro, index: number, ms = 500): Macro {
  const steps = [...macro.steps];
  steps.splice(index + 1, 0, { kind: "wait", ms, waitBeforeMs: 0 });
  return { ...macro, steps };
}

export function updateStep(macro: Macro, index: number, update: (step: MacroStep) => MacroStep): Macro {
  return { ...macro, steps: macro.steps.map((s, i) => (i === index ? update(s) : s)) };
}

export const createMacrosSlice: SliceCreator<MacrosSlice> = (client) => (set, get) => {
  // While a recording runs, when this page got input: the service leaves that input out.
  let panelInput: PanelInputLog | undefined;
  const endPanelInput = () => {
    panelInput?.stop();
    panelInput = undefined;
  };
  return {
    macroDraftDirty: false,
    macroRecording: "idle",
    macroRunsUnlisted: false,
    savingRunAsMacro: false,

    async loadMacroList() {
      try {
        set({ macroList: await client.call("listMacros"), macroListError: undefined });
      } catch (error) {
        set({ macroListError: ClientError.info(error) });
      }
    },

    async openMacro(file) {
      set({ macroEditError: undefined, macroSavedNote: undefined });
      try {
        const macro = await client.call("loadMacro", file);
        set({ openMacroFile: file, macroDraft: macro, macroDraftDirty: false });
      } catch (error) {
        set({ macroEditError: ClientError.info(error) });
      }
    },

    closeMacro() {
      set({ openMacroFile: undefined, macroDraft: undefined, macroDraftDirty: false, macroEditError: undefined, macroSavedNote: undefined });
    },

    editMacro(edit) {
      const draft = get().macroDraft;
      if (draft) set({ macroDraft: edit(draft), macroDraftDirty: true, macroSavedNote: undefined });
    },

    async saveMacroDraft() {
      const { openMacroFile: file, macroDraft: draft } = get();
      if (!file || !draft) return;
      set({ macroEditError: undefined, macroSavedNote: undefined });
      try {
        // The service validates it like a file; on an error the file keeps its last good version.
        const summary = await client.call("saveMacro", file, draft);
        set({ macroDraftDirty: false, macroSavedNote: `Saved ${summary.steps.length} steps to ${macroFileName(summary.path)}.json` });
        await get().loadMacroList();
      } catch (error) {
        set({ macroEditError: ClientError.info(error) });
      }
    },

    async playMacro(file, variables, fast) {
      const total = get().macroDraft?.steps.length ?? 0;
      set({ macroPlay: { file, total, steps: {}, running: true } });
      try {
        const report = await client.call("playMacro", { name: file, variables, fast });
        set((s) => ({ macroPlay: { ...(s.macroPlay ?? { file, total, steps: {} }), running: false, confirm: undefined, report } }));
      } catch (error) {
        set((s) => ({ macroPlay: { ...(s.macroPlay ?? { file, total, steps: {} }), running: false, confirm: undefined, error: ClientError.info(error) } }));
      }
    },

    async stopMacroPlay() {
      try {
        await client.call("stopMacro", "stopped from the panel");
      } catch (error) {
        set((s) => (s.macroPlay ? { macroPlay: { ...s.macroPlay, error: ClientError.info(error) } } : {}));
      }
    },

    async answerMacroConfirm(allow) {
      const request = get().macroPlay?.confirm;
      if (!request) return;
      set((s) => (s.macroPlay ? { macroPlay: { ...s.macroPlay, confirm: undefined } } : {}));
      try {
        await client.call("answerConfirm", request.requestId, allow);
      } catch (error) {
        set((s) => (s.macroPlay ? { macroPlay: { ...s.macroPlay, error: ClientError.info(error) } } : {}));
      }
    },

    applyMacroEvent(event) {
      if (event.type === "confirm-request") {
        set((s) => (s.macroPlay?.running && s.macroPlay.runId === event.runId ? { macroPlay: { ...s.macroPlay, confirm: event } } : {}));
      } else if (event.type === "confirm-answered") {
        // Answered in another window (or refused as the replay stopped): the question is gone here too.
        set((s) => (s.macroPlay?.confirm?.requestId === event.requestId ? { macroPlay: { ...s.macroPlay, confirm: undefined } } : {}));
      } else if (event.type === "macro-state" && event.state === "playing") {
        set((s) => (s.macroPlay?.running && event.runId ? { macroPlay: { ...s.macroPlay, runId: event.runId } } : {}));
      } else if (event.type === "macro-step") {
        set((s) => (s.macroPlay?.running ? { macroPlay: { ...s.macroPlay, total: event.steps, steps: { ...s.macroPlay.steps, [event.step]: event } } } : {}));
      } else if (event.state === "recording") {
        set({ macroRecording: event.stopKeyPressed ? "stopped" : "recording", ...(event.reason ? { macroRecordNote: event.reason } : {}) });
      } else if (event.state === "idle" && event.steps === undefined && (get().macroRecording === "recording" || get().macroRecording === "stopped")) {
        // A recording ended elsewhere (another window, the service shutting down).
        endPanelInput();
        set({ macroRecording: "idle", ...(event.reason ? { macroRecordNote: event.reason } : {}) });
      }
    },

    async startMacroRecording() {
      set({ macroRecording: "starting", macroRecordError: undefined, macroRecordNote: undefined });
      endPanelInput();
      panelInput = new PanelInputLog(); // before the hook starts, so nothing of this page's slips through
      try {
        await client.call("startRecording");
        set({ macroRecording: "recording" });
      } catch (error) {
        endPanelInput();
        set({ macroRecording: "idle", macroRecordError: ClientError.info(error) });
      }
    },

    async stopMacroRecording(name) {
      const was = get().macroRecording;
      set({ macroRecording: "saving", macroRecordError: undefined });
      try {
        const summary = await client.call("stopRecording", name, { panelInput: panelInput?.snapshot() ?? [] });
        endPanelInput();
        set({ macroRecording: "idle", macroRecordNote: `Recorded ${summary.steps.length} steps as ${name}` });
        await get().loadMacroList();
      } catch (error) {
        // A bad name leaves the recorder running: the user can fix the name and stop again.
        const gone = error instanceof ClientError && error.code === "MACRO_NOT_RECORDING";
        if (gone) endPanelInput();
        set({ macroRecording: gone ? "idle" : was === "stopped" ? "stopped" : "recording", macroRecordError: ClientError.info(error) });
      }
    },

    async discardMacroRecording() {
      try {
        await client.call("stopMacro", "discarded from the panel");
        endPanelInput();
        set({ macroRecording: "idle", macroRecordNote: "Recording discarded", macroRecordError: undefined });
      } catch (error) {
        set({ macroRecordError: ClientError.info(error) });
      }
    },

    macroRunChoicesOnRunEnded() {
      if (get().macroRunChoices) void get().loadMacroRunChoices();
    },

    async loadMacroRunChoices() {
      try {
        const runs = await client.call("listRuns");
        set({ macroRunChoices: runs.filter((r) => r.status === "success" && !r.dryRun), macroRunsUnlisted: false });
      } catch (error) {
        // Without a run history the user can still type a run id (the folder name under runs/).
        set({
          macroRunChoices: undefined,
          macroRunsUnlisted: true,
          ...(ClientError.info(error).code === "UNKNOWN_METHOD" ? {} : { macroRunError: ClientError.info(error) }),
        });
      }
    },

    async saveRunAsMacro(runId, name) {
      set({ savingRunAsMacro: true, macroRunError: undefined, macroRunNote: undefined });
      try {
        const summary = await client.call("saveRunAsMacro", runId, name);
        set({ savingRunAsMacro: false, macroRunNote: `Saved run ${runId} as ${name}: ${summary.steps.length} steps` });
        await get().loadMacroList();
      } catch (error) {
        set({ savingRunAsMacro: false, macroRunError: ClientError.info(error) });
      }
    },
  };
};
