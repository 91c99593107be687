import type { Command } from "commander";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { addModelFlags, modelSourceFromFlags, type ModelFlags } from "./groundingFlags.js";
import { createScreenSource } from "../../capture/screenSources.js";
import { desktopDisplays } from "../../capture/desktopDisplays.js";
import { createInputDriver } from "../../actions/createInputDriver.js";
import { CornerFailSafe } from "../../loop/CornerFailSafe.js";
import { startStopKey } from "../startStopKey.js";
import { displaySession } from "../../platform/displaySession.js";
import type { Grounder } from "../../grounding/Grounder.js";
import { FileRunStore } from "../../runs/FileRunStore.js";
import { runsDir } from "../../runs/runsDir.js";
import { DeskPilotError } from "../../errors/DeskPilotError.js";
import { UsageError } from "../../errors/UsageError.js";
import { LocalMacros } from "../../macros/LocalMacros.js";
import { describeMacro } from "../../macros/describeMacro.js";
import { readMacroFile } from "../../macros/readMacroFile.js";
import { summarizeMacro } from "../../macros/summarizeMacro.js";
import { parseVarFlags, resolveVariables } from "../../macros/substituteVariables.js";
import { MIN_CONFIDENCE } from "../../macros/locateTarget.js";
import { configuredStopKey } from "../../settings/configuredStopKey.js";
import { describeWithModel } from "../../macros/recorder/describeWithModel.js";
import type { FrameAnswerer } from "../../grounding/FrameAnswerer.js";
import type { MacroPlayReport } from "../../macros/MacroPlayReport.js";
import type { MacroSummary } from "../../macros/MacrosApi.js";
import { runFolderToMacro } from "../../macros/runFolderToMacro.js";
import { windowAt } from "../../macros/recorder/windowAt.js";
import { macroFileArg, macroLibraryDir } from "../../macros/macroFilePath.js";
import { LocalService } from "../../service/LocalService.js";
import type { MacroEvent } from "../../macros/MacroEvent.js";

/** How `macro show` and `macro play` name a macro: as the Macros screen does, or by its file. */
const MACRO_ARG = 'a macro in the library the Macros screen lists, by its name (e.g. "add a contact"), or a .json file path';
import { writeFileAtomic } from "../../platform/writeFileAtomic.js";

interface PlayFlags extends ModelFlags {
  var: string[];
  fast?: boolean;
  yes?: boolean;
  json?: boolean;
  source?: string;
  minConfidence: string;
  runsDir?: string;
  hotkey: boolean;
  stopKey: string;
}

/** `deskpilot macro record|play|show` (docs/design.md §9). */
export function registerMacro(program: Command, ctx: CliContext): void {
  const macro = program.command("macro").description("Record input once and replay it where the elements are now");

  macro
    .command("show")
    .description("List a macro's variables and steps")
    .argument("<macro>", MACRO_ARG)
    .option("--json", "print one JSON document on stdout")
    .action(async (arg: string, opts: { json?: boolean }) => {
      const file = macroFileArg(arg, undefined, { existing: true });
      const m = await readMacroFile(file);
      if (opts.json) printJson(ctx, summarizeMacro(file, m));
      else ctx.out.write(`${describeMacro(m)}\n`);
    });

  addModelFlags(
    macro
      .command("play")
      .description("Replay a macro: find each target by its recorded picture (then by the model, when one is given), act, check the screen changed")
      .argument("<macro>", MACRO_ARG)
      .option("--var <name=value>", "a variable's value (repeatable)", (v: string, all: string[]) => [...all, v], [])
      .option("--fast", "replay the recorded coordinates: no matching, no verification")
      .option("--yes", "allow actions the safety policy would ask about")
      .option("--min-confidence <0..1>", "least template-match confidence to trust", String(MIN_CONFIDENCE))
      .option("--runs-dir <dir>", "where the run log and failure screenshots go (default: the user data folder's runs/)")
      .option("--source <name>", "screen source")
      .option("--stop-key <key>", "global key that stops the replay before its next input (the settings' hotkeys.stop)", configuredStopKey())
      .option("--no-hotkey", "no global stop key (Ctrl+C and the screen-corner fail-safe still stop it)")
      .option("--json", "print the replay report as one JSON document on stdout"),
  ).action(async (arg: string, opts: PlayFlags) => {
    const file = macroFileArg(arg, undefined, { existing: true });
    const variables = parseVarFlags(opts.var);
    const minConfidence = Number(opts.minConfidence);
    if (!(minConfidence > 0 && minConfidence <= 1)) throw new UsageError(`--min-confidence is a number in (0, 1], not ${opts.minConfidence}`);
    // The file and its variables first, then the display (nut-js would crash without one).
    resolveVariables(await readMacroFile(file), variables);
    const session = displaySession();
    await desktopDisplays(session, process.env, { acting: true });
    let grounder: Grounder | undefined;
    const wantsModel = Boolean(opts.model || opts.mmproj || opts.endpoint || opts.oracle);
    const screen = createScreenSource(opts.source);
    // The agent loop's safety rails: a pointer pushed into a screen corner, or the stop key, halts before the next input.
    const input = new CornerFailSafe(createInputDriver(session), () => screen.listDisplays());
    // The macros slice under the same service the app uses: its events, playMacro, stopMacro, dispose.
    const macros = new LocalMacros({
      screen,
      input,
      failSafe: input.check,
      windowAt,
      runs: new FileRunStore(opts.runsDir ?? runsDir()),
      grounder: async () => {
        if (!wantsModel) return undefined;
        const { source, bounds } = modelSourceFromFlags(opts);
        // Loaded only when asked for: template-only replays never touch the model stack.
        const { createGrounder } = await import("../../service/createGrounder.js");
        return (grounder = await createGrounder(source, bounds));
      },
      onEvent: (e) => service.emit(e),
    });
    const service = new LocalService(screen, input, { macros: { api: macros, library: macroLibraryDir() } });
    service.on("macro-step", (e) => {
      if (e.outcome !== "running") ctx.err.write(formatMacroStepLine(e));
    });
    const stop = () => void service.stopMacro("interrupted (SIGINT)");
    process.once("SIGINT", stop);
    const hotkey = await startStopKey({
      session,
      wanted: opts.hotkey,
      key: opts.stopKey,
      onStop: (reason) => void service.stopMacro(reason),
      err: ctx.err,
    });
    let report: MacroPlayReport;
    try {
      report = await service.playMacro({ path: file, variables, fast: opts.fast === true, allowRisky: opts.yes === true, minConfidence });
    } finally {
      process.off("SIGINT", stop);
      await hotkey?.dispose();
      await service.dispose();
      await grounder?.dispose();
    }
    if (opts.json) printJson(ctx, report);
    else if (report.ok)
      ctx.out.write(
        `played ${report.steps.length} steps of "${report.name}" in ${Math.round(report.totalMs)} ms (median step ${Math.round(report.medianStepMs)} ms)\n`,
      );
    if (!report.ok) {
      const shots = report.steps.at(-1)?.screenshots ?? [];
      throw new DeskPilotError(
        "MACRO_STEP_FAILED",
        `step ${report.failedStep} failed: ${report.reason}. Nothing was sent after it.${report.dir ? ` Report: ${report.dir}${shots.length ? ` (${shots.join(", ")})` : ""}` : ""}`,
      );
    }
  });

  addModelFlags(
    macro
      .command("record")
      .description(
        "Record global mouse and keyboard input into a macro until the stop key (the settings' hotkeys.stop, default Ctrl+Shift+F9) or Ctrl+C; with a model, each target gets a description. " +
          "With --from-run, save a successful agent run as the macro instead of recording",
      )
      .argument("<out>", 'the macro to write: a name in the library the Macros screen lists (e.g. "add a contact"), or a .json file path')
      .option("--name <name>", "the macro's name (default: the library name given, else \"recorded macro\", or the run's task with --from-run)")
      .option(
        "--from-run <run-dir>",
        "save this agent run (the folder `deskpilot run` printed; it must have ended with success) as the macro: its executed steps, with crops and descriptions",
      )
      .option("--stop-key <key>", "key or chord that ends the recording (the settings' hotkeys.stop)", configuredStopKey())
      .option("--source <name>", "screen source for the crops")
      .option("--json", "print the recorded macro's summary as one JSON document"),
  ).action(async (arg: string, opts: ModelFlags & { name?: string; fromRun?: string; stopKey: string; source?: string; json?: boolean }) => {
    const out = macroFileArg(arg);
    // Recorded into the library under a name, the macro is called that (as the panel names it).
    if (out !== arg && opts.name === undefined && !opts.fromRun) opts = { ...opts, name: arg };
    const print = (summary: MacroSummary) => {
      if (opts.json) printJson(ctx, summary);
      else
        ctx.out.write(`wrote ${out}: ${summary.steps.length} steps\n${summary.steps.map((s) => `${String(s.step).padStart(3)}. ${s.summary}`).join("\n")}\n`);
    };
    if (opts.fromRun) {
      print(await saveRunFolder(opts.fromRun, out, opts));
      return;
    }
    await desktopDisplays();
    const macros = new LocalMacros({ screen: createScreenSource(opts.source), input: createInputDriver() });
    const answerer = await answererFromFlags(opts);
    try {
      await macros.startRecording({ stopKey: opts.stopKey, ...(answerer ? { describe: describeWithModel(answerer) } : {}) });
      ctx.err.write(`recording: press ${opts.stopKey} (or Ctrl+C here) to stop\n`);
      let interrupted: () => void = () => {};
      let bySignal = false;
      const signalled = new Promise<void>((resolve) => {
        interrupted = () => {
          bySignal = true;
          resolve();
        };
      });
      process.once("SIGINT", interrupted);
      process.once("SIGTERM", interrupted);
      try {
        await Promise.race([macros.recordingStopRequested(), signalled]);
      } finally {
        process.off("SIGINT", interrupted);
        process.off("SIGTERM", interrupted);
      }
      print(await macros.stopRecording(out, opts.name ?? "recorded macro", { interrupted: bySignal }));
    } finally {
      await answerer?.dispose();
    }
  });
}

/** One replayed step on stderr: how it ended, how its target was found, and how long it took. */
function formatMacroStepLine(e: Extract<MacroEvent, { type: "macro-step" }>): string {
  const found = e.method ? ` [${e.method}${e.confidence !== undefined ? ` ${e.confidence.toFixed(2)}` : ""}]` : "";
  return `step ${e.step} ${e.outcome}: ${e.summary}${found} (${Math.round(e.ms ?? 0)} ms)\n`;
}

/** `macro record OUT --from-run DIR`: no display needed; with a model, each target is named by it. */
async function saveRunFolder(dir: string, out: string, opts: ModelFlags & { name?: string }): Promise<MacroSummary> {
  const answerer = await answererFromFlags(opts);
  try {
    const macro = await runFolderToMacro(dir, opts.name, answerer ? { describe: describeWithModel(answerer) } : {});
    await mkdir(dirname(out), { recursive: true });
    await writeFileAtomic(out, `${JSON.stringify(macro, null, 2)}\n`);
    return summarizeMacro(out, macro);
  } finally {
    await answerer?.dispose();
  }
}

/** The model that names recorded targets, when the flags give one; loaded only then (recording alone never touches the model stack). */
async function answererFromFlags(opts: ModelFlags): Promise<FrameAnswerer | undefined> {
  if (!(opts.model || opts.mmproj || opts.endpoint || opts.oracle)) return undefined;
  const { source, bounds } = modelSourceFromFlags(opts);
  const { createAnswerer } = await import("../../service/createGrounder.js");
  return createAnswerer(source, bounds);
}
