import { existsSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Display, Point, Rect } from "../geometry/Display.js";
import type { Grounder } from "../grounding/Grounder.js";
import { systemClock, type Clock } from "../loop/Clock.js";
import { defaultSafetyPolicy, type SafetyPolicy } from "../policy/SafetyPolicy.js";
import type { ConfirmBroker } from "../policy/ConfirmBroker.js";
import type { InputDriver } from "../ports/InputDriver.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { RunStore } from "../runs/RunStore.js";
import { FileRunStore, RUN_LOG } from "../runs/FileRunStore.js";
import { runFolderToMacro } from "./runFolderToMacro.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import type { BrokenMacro, MacroPlayRequest, MacroSummary, MacrosApi } from "./MacrosApi.js";
import { macroLibraryDir } from "./macroFilePath.js";
import { toErrorInfo } from "../errors/ErrorInfo.js";
import type { MacroEvent } from "./MacroEvent.js";
import { describeStep } from "./describeMacro.js";
import type { MacroConfirmRequest, MacroPlayPorts } from "./MacroPlayer.js";
import type { MacroPlayReport, MacroStepReport } from "./MacroPlayReport.js";
import { playMacro } from "./playMacro.js";
import { readMacroFile } from "./readMacroFile.js";
import { validateMacro } from "./parseMacro.js";
import type { Macro } from "./MacroSchema.js";
import { writeFileAtomic } from "../platform/writeFileAtomic.js";
import { summarizeMacro } from "./summarizeMacro.js";
import { MacroRecorder, type RecorderStopOptions } from "./recorder/MacroRecorder.js";
import type { Describe } from "./recorder/buildMacro.js";

export interface LocalMacrosPorts {
  readonly screen: ScreenSource;
  readonly input: InputDriver;
  readonly clock?: Clock;
  /** The grounding fallback, loaded on first need (undefined: template matching only). */
  readonly grounder?: () => Promise<Grounder | undefined>;
  readonly runs?: RunStore;
  readonly policy?: SafetyPolicy;
  readonly confirm?: MacroPlayPorts["confirm"];
  readonly failSafe?: MacroPlayPorts["failSafe"];
  /** DeskPilot's own windows (global logical px), never recorded. */
  readonly ownWindows?: () => readonly Rect[];
  /**
   * Names targets with the vision model when one is loaded already (undefined: it is not, and
   * targets keep recorded or editable text). Used by recordings and saveRunAsMacro.
   */
  readonly describer?: () => Describe | undefined;
  /**
   * Names a recording's targets (default: `describer`). The app passes one that loads the selected
   * model beside the recording (describerLoading), so panel recordings get descriptions too.
   */
  readonly recordingDescriber?: () => Describe | undefined;
  /** Replay and recording progress as service events (the Macros screen shows them). */
  readonly onEvent?: (event: MacroEvent) => void;
  /**
   * Without a `confirm` port, a risky step is asked about through the service's broker (source
   * "macro", the replay's runId), answered by answerConfirm (the panel's dialog); without either,
   * it is refused.
   */
  readonly confirms?: ConfirmBroker;
  readonly displays?: () => Promise<Display[]>;
  /** The window frame under a point now, global logical px (recorder/windowAt over the real window list); settles ties between equal matches. */
  readonly windowAt?: (displays: readonly Display[], p: Point) => Rect | undefined;
  /** The folder listMacros reads (default: `<data>/macros`). */
  readonly library?: string;
  /** Where agent runs are recorded, for saveRunAsMacro (default: the folder of `runs` when it is a FileRunStore). */
  readonly runsDir?: string;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** The macros slice over this machine's screen and input. */
export class LocalMacros implements MacrosApi {
  private playing: AbortController | undefined;
  private recorder: MacroRecorder | undefined;

  constructor(private readonly ports: LocalMacrosPorts) {}

  async listMacros(): Promise<(MacroSummary | BrokenMacro)[]> {
    const dir = this.ports.library ?? macroLibraryDir();
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
    return Promise.all(
      files.map(async (f) => {
        const path = join(dir, f);
        try {
          return summarizeMacro(path, await readMacroFile(path));
        } catch (error) {
          return { path, error: toErrorInfo(error) };
        }
      }),
    );
  }

  async showMacro(path: string): Promise<MacroSummary> {
    return summarizeMacro(path, await readMacroFile(path));
  }

  loadMacro(path: string): Promise<Macro> {
    return readMacroFile(path);
  }

  async saveMacro(path: string, macro: unknown): Promise<MacroSummary> {
    const valid = validateMacro(macro, path);
    await writeMacro(path, valid);
    return summarizeMacro(path, valid);
  }

  async playMacro(request: MacroPlayRequest): Promise<MacroPlayReport> {
    if (this.playing || this.recorder) throw new DeskPilotError("MACRO_BUSY", "A macro is already playing or recording; stop it first.");
    // Taken before the first await, so a second call in the meantime is refused too.
    const abort = new AbortController();
    this.playing = abort;
    let macro: Macro | undefined;
    let report: MacroPlayReport | undefined;
    let failure: unknown;
    try {
      macro = await readMacroFile(request.path);
      const { name } = macro;
      const total = macro.steps.length;
      const runId = `macro-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      this.emit({ type: "macro-state", state: "playing", name, steps: total, runId });
      const record = await this.ports.runs?.open(runId);
      const grounder = request.fast ? undefined : await this.ports.grounder?.();
      const { windowAt, confirms } = this.ports;
      const displays = windowAt ? await this.ports.screen.listDisplays() : [];
      const ports: MacroPlayPorts = {
        ...(windowAt ? { windowAt: (p: Point) => windowAt(displays, p) } : {}),
        screen: this.ports.screen,
        input: this.ports.input,
        clock: this.ports.clock ?? systemClock,
        ...(grounder ? { grounder } : {}),
        ...(record ? { record } : {}),
        ...(request.allowRisky
          ? { confirm: async () => true }
          : this.ports.confirm
            ? { confirm: this.ports.confirm }
            : confirms
              ? { confirm: (r) => askClient(confirms, runId, r, abort.signal) }
              : {}),
        ...(this.ports.failSafe ? { failSafe: this.ports.failSafe } : {}),
        onStepStart: (step, s) => this.emit({ type: "macro-step", name, step, steps: total, kind: s.kind, summary: describeStep(s), outcome: "running" }),
        onStep: (r) => this.emit(stepEvent(name, total, r)),
      };
      report = await playMacro(macro, ports, {
        policy: this.ports.policy ?? defaultSafetyPolicy,
        signal: abort.signal,
        runId,
        ...(request.variables ? { variables: request.variables } : {}),
        ...(request.fast ? { fast: true } : {}),
        ...(request.minConfidence !== undefined ? { minConfidence: request.minConfidence } : {}),
      });
      return report;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      this.playing = undefined;
      if (macro) {
        const reason = report?.reason ?? (failure instanceof Error ? failure.message : undefined);
        this.emit({
          type: "macro-state",
          state: "idle",
          name: macro.name,
          steps: macro.steps.length,
          ok: report?.ok ?? false,
          ...(report?.failedStep !== undefined ? { failedStep: report.failedStep } : {}),
          ...(reason ? { reason } : {}),
        });
      }
    }
  }

  async startRecording(options: { stopKey?: string; describe?: Describe } = {}): Promise<void> {
    if (this.playing || this.recorder) throw new DeskPilotError("MACRO_BUSY", "A macro is already playing or recording; stop it first.");
    // the recorder is a global input hook: where the input driver cannot even read the pointer (Wayland), none can run
    if (this.ports.input.seesPointer === false) {
      throw new DeskPilotError(
        "NO_RECORDING",
        "Recording needs a global input hook, which Wayland allows no program: record the macro on an X11 session; it replays here.",
      );
    }
    const displays = await (this.ports.displays?.() ?? this.ports.screen.listDisplays());
    const describe = options.describe ?? (this.ports.recordingDescriber ?? this.ports.describer)?.();
    this.recorder = await MacroRecorder.start({
      screen: this.ports.screen,
      displays,
      ...(options.stopKey ? { stopKey: options.stopKey } : {}),
      ...(describe ? { describe } : {}),
      ...(this.ports.ownWindows ? { exclude: this.ports.ownWindows } : {}),
    });
    const recorder = this.recorder;
    this.emit({ type: "macro-state", state: "recording" });
    // The stop key only asks: the recording ends when a client names the macro (stopRecording).
    void recorder.stopRequested.then(
      () =>
        this.recorder === recorder &&
        this.emit({ type: "macro-state", state: "recording", stopKeyPressed: true, reason: "the stop key was pressed: name the macro to save it" }),
      () => undefined,
    );
  }

  async recordingStopRequested(): Promise<void> {
    if (!this.recorder) throw new DeskPilotError("MACRO_NOT_RECORDING", "No recording is in progress.");
    await this.recorder.stopRequested;
  }

  async stopRecording(out: string, name = "recorded macro", options: RecorderStopOptions = {}): Promise<MacroSummary> {
    const recorder = this.recorder;
    if (!recorder) throw new DeskPilotError("MACRO_NOT_RECORDING", "No recording is in progress.");
    this.recorder = undefined;
    try {
      const macro = await recorder.stop(name, options);
      await writeMacro(out, macro);
      return summarizeMacro(out, macro);
    } finally {
      this.emit({ type: "macro-state", state: "idle", name });
    }
  }

  async stopMacro(reason = "stopped by the user"): Promise<void> {
    this.playing?.abort(new Error(reason));
    const recorder = this.recorder;
    this.recorder = undefined;
    if (recorder) {
      await recorder.dispose();
      this.emit({ type: "macro-state", state: "idle", reason: `recording discarded: ${reason}` });
    }
  }

  private emit(event: MacroEvent): void {
    this.ports.onEvent?.(event);
  }

  async saveRunAsMacro(runId: string, out: string, name?: string): Promise<MacroSummary> {
    const runsDir = this.ports.runsDir ?? (this.ports.runs instanceof FileRunStore ? this.ports.runs.root : undefined);
    if (!runsDir) throw new DeskPilotError("NOT_SUPPORTED", "This service keeps no run folders, so no run can be saved as a macro.");
    // Run ids are folder names the service made; anything path-like is refused before touching the disk.
    if (!RUN_ID.test(runId) || runId.includes("..")) throw new DeskPilotError("BAD_USAGE", `"${runId}" is not a run id; pick a run from the History screen.`);
    const dir = join(runsDir, runId);
    if (!existsSync(join(dir, RUN_LOG)))
      throw new DeskPilotError("UNKNOWN_RUN", `There is no run "${runId}" in ${runsDir}; pick a run from the History screen.`);
    if (existsSync(out))
      throw new DeskPilotError("MACRO_EXISTS", `A macro named "${basename(out, ".json")}" already exists; choose another name, or delete that macro first.`);
    const describe = this.ports.describer?.();
    const macro = await runFolderToMacro(dir, name, describe ? { describe } : {});
    await writeMacro(out, macro);
    return summarizeMacro(out, macro);
  }
}

/** Writes a macro file atomically, making its folder (the library) on the first save. */
async function writeMacro(path: string, macro: Macro): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(macro, null, 2)}\n`);
}

/** Asks the service's clients about a replay's risky step; a stop (or the replay ending) answers no. */
function askClient(confirms: ConfirmBroker, runId: string, request: MacroConfirmRequest, stopped: AbortSignal): Promise<boolean> {
  return confirms.ask({ source: "macro", runId, action: request.action, reason: `step ${request.step}: ${request.reasons.join("; ")}`, signal: stopped });
}

/** A finished step as the `macro-step` event carries it. */
function stepEvent(name: string, steps: number, r: MacroStepReport): MacroEvent {
  const found = r.located?.[0];
  return {
    type: "macro-step",
    name,
    step: r.step,
    steps,
    kind: r.kind,
    summary: r.summary,
    outcome: r.outcome,
    ms: r.ms,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(found ? { method: found.method, ...(found.confidence !== undefined ? { confidence: found.confidence } : {}) } : {}),
  };
}
