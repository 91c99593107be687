import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { createInputDriver } from "../../actions/createInputDriver.js";
import { createScreenSource, defaultScreenSource } from "../../capture/screenSources.js";
import { desktopDisplays } from "../../capture/desktopDisplays.js";
import { displaySession } from "../../platform/displaySession.js";
import { startStopKey } from "../startStopKey.js";
import { UsageError } from "../../errors/UsageError.js";
import { openVisionModel } from "../../service/createGrounder.js";
import { DEFAULT_TOKEN_BOUNDS, type TokenBounds } from "../../frames/TokenBounds.js";
import { CornerFailSafe } from "../../loop/CornerFailSafe.js";
import { ReplayDecider } from "../../loop/ReplayDecider.js";
import { RunsController } from "../../loop/RunsController.js";
import { configuredStopKey } from "../../settings/configuredStopKey.js";
import { SafetyPolicySchema } from "../../policy/SafetyPolicy.js";
import { assertModelFilesExist } from "../../service/selectedModelSource.js";
import { FileRunStore } from "../../runs/FileRunStore.js";
import { runsDir } from "../../runs/runsDir.js";
import { modelRunParts } from "../../service/modelRunParts.js";
import { createRunsSlice } from "../../service/createRunsSlice.js";
import { addModelFlags, modelSourceFromFlags, profileFromFlags, type ModelFlags } from "./groundingFlags.js";
import { applyCpuDefaults, cpuDefaultsLine } from "../../settings/cpuRunDefaults.js";
import { detectHardware } from "../../models/detectHardware.js";
import { attachTerminal, reportRunEnd } from "./runTerminal.js";
import { LocalService } from "../../service/LocalService.js";
import { describeModelToLoad, withModelLoadingLine } from "../modelLoadingLine.js";

interface RunFlags extends ModelFlags {
  maxSteps: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  display?: string;
  source?: string;
  runsDir?: string;
  replay?: string;
  allowApp: string[];
  stopKey: string;
  hotkey: boolean;
  /** Undefined unless --inspect or --no-inspect was given. */
  inspect?: boolean;
}

/** `deskpilot run "TASK"`: the agent loop on this desktop, one line per step, exit 0 only on terminate(success). */
export function registerRun(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("run")
    .description("Carry out a task in plain words on this desktop, step by step; stop with the stop key, a screen corner or Ctrl+C")
    .argument("<task>", "what to do, in plain words")
    .option("--max-steps <n>", "step budget", "50")
    .option("--dry-run", "plan and record every step, but send no input")
    .option("--yes", "allow risky actions without asking")
    .option("--display <id>", "display to work on (default: primary)")
    .option("--source <name>", "screen source", defaultScreenSource)
    .option("--runs-dir <dir>", "where run folders go (default: DeskPilot's data folder/runs)")
    .option("--allow-app <name>", "only these applications without confirmation (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--stop-key <key>", "global emergency-stop key or chord (the settings' hotkeys.stop)", configuredStopKey())
    .option("--no-hotkey", "do not start the global stop-key hook")
    .option("--inspect", "ask the model what each click or typing lands on (the default, except without a GPU)")
    .option(
      "--no-inspect",
      "do not ask the model what each click or typing lands on, or read on-screen instructions before typing (the policy then sees only the action)",
    )
    .option("--replay <run-dir|answers.json>", "replay recorded answers instead of asking a model")
    .option("--json", "print one JSON document on stdout");
  addModelFlags(cmd).action(async (task: string, opts: RunFlags) => {
    const maxSteps = Number(opts.maxSteps);
    if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new UsageError(`--max-steps must be a whole number ≥ 1, not ${JSON.stringify(opts.maxSteps)}`);
    const model = opts.replay ? undefined : modelSourceFromFlags(opts);
    const source = model?.source;
    if (source?.kind === "oracle") throw new UsageError("--oracle answers grounding queries, not tasks; use --replay for scripted runs");
    // flags left at their defaults give way to the CPU-only defaults when no GPU is found
    const flagged = (name: string) => cmd.getOptionValueSource(name) === "cli";
    const cpu = applyCpuDefaults(
      {
        bounds: model?.bounds ?? boundsFromFlags(opts),
        maxChosen: flagged("maxImageTokens"),
        ...(opts.inspect !== undefined ? { inspect: opts.inspect } : {}),
        hints: { max: "--max-image-tokens", inspect: "--inspect" },
      },
      source?.kind === "local" ? await detectHardware() : { gpu: false },
      source?.kind === "local",
    );
    const bounds = cpu.bounds;
    if (cpu.cpuDefaults.length > 0) ctx.err.write(`${cpuDefaultsLine(cpu.cpuDefaults)}\n`);
    const session = displaySession();
    // acting even in a dry run: its input driver is made, and a portal asked for screens alone would ask again for input
    await desktopDisplays(session, process.env, { acting: true }); // a clear message before nut-js could crash on a missing display
    if (session.reach !== "full") ctx.err.write(`deskpilot: ${session.summary}\n`);
    const screen = createScreenSource(opts.source);
    const input = new CornerFailSafe(createInputDriver(session), () => screen.listDisplays());
    // The same runs slice as the app's (createRunsSlice), from the flags instead of the settings
    // file, under the same service: its events, its startRun/stopRun/answerConfirm, its dispose.
    const runs: RunsController = createRunsSlice(
      {
        screen,
        input,
        store: new FileRunStore(opts.runsDir ?? runsDir()),
        // A local model whose files are gone fails here, before a run folder exists.
        ...(source?.kind === "local" ? { preflight: async () => assertModelFilesExist(source) } : {}),
        createDecider: async (signal) => {
          if (!source) return ReplayDecider.fromPath(opts.replay!, profileFromFlags(opts));
          const loaded = await withModelLoadingLine(ctx.err, describeModelToLoad(source), () => openVisionModel(source, bounds, signal));
          return modelRunParts(loaded, source, cpu.inspectors);
        },
        defaults: {
          policy: SafetyPolicySchema.parse({ allowedApps: opts.allowApp }),
          bounds,
          ...(opts.display ? { displayId: opts.display } : {}),
          cpuDefaults: cpu.cpuDefaults,
        },
      },
      (e) => service.emit(e),
    );
    const service = new LocalService(screen, input, { runs, confirms: runs });
    service.onAny(attachTerminal(service, ctx, opts.yes ? "yes" : process.stdin.isTTY ? "ask" : "refuse"));
    const { runId } = await service.startRun(task, { maxSteps, dryRun: opts.dryRun ?? false });
    const stop = () => void runs.stopRun(runId, "interrupted (Ctrl+C)");
    process.once("SIGINT", stop);
    const hotkey = await startStopKey({
      session,
      wanted: opts.hotkey && !opts.dryRun,
      key: opts.stopKey,
      onStop: (reason) => void runs.stopRun(runId, reason),
      err: ctx.err,
    });
    try {
      const result = await runs.result(runId);
      reportRunEnd(ctx, result, opts.json === true);
    } finally {
      process.off("SIGINT", stop);
      await hotkey?.dispose();
      await service.dispose();
    }
  });
}

function boundsFromFlags(f: ModelFlags): TokenBounds {
  const min = Number(f.minImageTokens ?? DEFAULT_TOKEN_BOUNDS.minImageTokens);
  const max = Number(f.maxImageTokens ?? DEFAULT_TOKEN_BOUNDS.maxImageTokens);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || min > max)
    throw new UsageError("--min-image-tokens and --max-image-tokens must be whole numbers, min ≤ max");
  return { minImageTokens: min, maxImageTokens: max };
}
