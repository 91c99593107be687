import { Command, CommanderError } from "commander";
import { createRequire } from "node:module";
import type { CliContext } from "./CliContext.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import { ReportedFailure } from "./ReportedFailure.js";
import { registerCapture } from "./commands/capture.js";
import { registerAct } from "./commands/act.js";
import { registerBench } from "./commands/bench.js";
import { registerServe } from "./commands/serve.js";
import { registerDevTinyModel } from "./commands/devTinyModel.js";
import { registerGround } from "./commands/ground.js";
import { registerModels } from "./commands/models.js";
import { registerMacro } from "./commands/macro.js";
import { registerAsk } from "./commands/ask.js";
import { registerEval } from "./commands/eval.js";
import { registerRun } from "./commands/run.js";
import { registerReport } from "./commands/report.js";

const { version } = createRequire(import.meta.url)("../../../package.json") as { version: string };

/** Builds the `deskpilot` command tree (docs/design.md §9). */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("deskpilot")
    .description("Local desktop GUI agent: sees the screen with a vision-language model and acts with mouse and keyboard.")
    .version(version, "-V, --version")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out.write(s),
      writeErr: (s) => ctx.err.write(s),
    });
  registerCapture(program, ctx);
  registerAct(program, ctx);
  registerBench(program, ctx);
  registerServe(program, ctx);
  registerDevTinyModel(program, ctx);
  registerGround(program, ctx);
  registerModels(program, ctx);
  registerMacro(program, ctx);
  registerAsk(program, ctx);
  registerEval(program, ctx);
  registerRun(program, ctx);
  registerReport(program, ctx);
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 on success, 1 on a failure the message
 * explains, 2 on bad usage. Errors never escape as a crash or a signal.
 */
export async function main(argv: string[], ctx: CliContext = { out: process.stdout, err: process.stderr }): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(error, ctx);
  }
}

/** Writes what went wrong as one line on stderr (nothing for a failure already reported) and returns the exit code. */
export function reportError(error: unknown, ctx: CliContext): number {
  if (error instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof ReportedFailure) return 1;
  if (error instanceof DeskPilotError) {
    ctx.err.write(`deskpilot: ${error.message}\n`);
    return error.code === "BAD_USAGE" ? 2 : 1;
  }
  // A file or network error (ENOENT, EACCES, ECONNREFUSED…) says enough in one line.
  const sys = error as NodeJS.ErrnoException;
  if (typeof sys.code === "string" && typeof sys.syscall === "string") {
    ctx.err.write(`deskpilot: ${sys.message}\n`);
    return 1;
  }
  ctx.err.write(`deskpilot: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}
