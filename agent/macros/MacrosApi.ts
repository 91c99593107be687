import type { MacroPlayReport } from "./MacroPlayReport.js";
import type { Macro } from "./MacroSchema.js";
import type { RecorderStopOptions } from "./recorder/MacroRecorder.js";

/** A macro file as the Macros screen and `macro show --json` list it. */
export interface MacroSummary {
  readonly path: string;
  readonly name: string;
  readonly version: number;
  readonly variables: readonly { readonly name: string; readonly default?: string; readonly description?: string; readonly required: boolean }[];
  readonly steps: readonly { readonly step: number; readonly kind: string; readonly summary: string }[];
}

export interface MacroPlayRequest {
  readonly path: string;
  readonly variables?: Readonly<Record<string, string>>;
  /** Replay recorded coordinates: no matching, no verification. */
  readonly fast?: boolean;
  /** Allow actions the safety policy would ask about (the CLI's --yes). */
  readonly allowRisky?: boolean;
  readonly minConfidence?: number;
}

/** A macro file in the library that does not validate: listed with the reason, so the user can fix or delete it. */
export interface BrokenMacro {
  readonly path: string;
  readonly error: { readonly code: string; readonly message: string };
}

/** The macros slice of the app service (docs/design.md §1): the CLI and the Macros screen use these. */
export interface MacrosApi {
  /** The macros in the library folder, by file name. */
  listMacros(): Promise<(MacroSummary | BrokenMacro)[]>;
  showMacro(path: string): Promise<MacroSummary>;
  /** The whole macro as stored, for the editor. */
  loadMacro(path: string): Promise<Macro>;
  /** Writes an edited macro (steps deleted, reordered, given waits…) after validating it like a file; atomic. */
  saveMacro(path: string, macro: unknown): Promise<MacroSummary>;
  /** Replays a macro file; resolves with the report (a failed step is a report with ok=false, not a rejection). */
  playMacro(request: MacroPlayRequest): Promise<MacroPlayReport>;
  /** Starts recording global input; one recording at a time. */
  startRecording(options?: { readonly stopKey?: string }): Promise<void>;
  /** Resolves when the recording's stop key is pressed. */
  recordingStopRequested(): Promise<void>;
  /**
   * Ends the recording and writes the macro to `out`. `interrupted` drops the Ctrl+C that ended
   * it in a terminal; `panelInput` is what the panel's page received, left out of the macro.
   */
  stopRecording(out: string, name?: string, options?: RecorderStopOptions): Promise<MacroSummary>;
  /** Stops the replay or recording in progress before its next input event; idempotent. */
  stopMacro(reason?: string): Promise<void>;
  /** Saves the finished agent run `runId` as a macro file at `out`: its executed steps, with crops and descriptions. */
  saveRunAsMacro(runId: string, out: string, name?: string): Promise<MacroSummary>;
}
