import { Command, CommanderError, Help } from "commander";
import { createRequire } from "node:module";
import type { CliContext } from "./CliContext.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import { ReportedFailure } from "./ReportedFailure.js";
import { COMMANDS, requestedCommand } from "./commandTable.js";

const { version } = createRequire(import.meta.url)("../../../package.json") as { version: string };

/**
 * Builds the `deskpilot` command tree (docs/design.md §9) for `argv`: the command it asks for
 * is loaded whole; the others are listed by name and description only (commandTable), so a
 * command never waits for another's modules. `all` loads every command (for checks).
 */
export async function buildProgram(ctx: CliContext, argv: readonly string[] = [], all = false): Promise<Command> {
  const program = new Command("deskpilot")
    .description("Local desktop GUI agent: sees the screen with a vision-language model and acts with mouse and keyboard.")
    .version(version, "-V, --version")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out.write(s),
      writeErr: (s) => ctx.err.write(s),
    })
    // Before any command's action: the network guard, local-only as the settings file says (agent/net).
    .hook("preAction", async () => (await import("../settings/installLocalOnlyGuard.js")).installLocalOnlyGuard());
  const wanted = requestedCommand(argv);
  for (const entry of COMMANDS) {
    if (all || entry === wanted) (await entry.load())(program, ctx);
    // listed for the help and for "did you mean"; never run (asked for, it is loaded instead)
    else program.command(entry.name).description(entry.description).allowUnknownOption().allowExcessArguments();
  }
  const help = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => COMMANDS.find((c) => c.name === cmd.name())?.term ?? help.subcommandTerm(cmd) });
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 on success, 1 on a failure the message
 * explains, 2 on bad usage. Errors never escape as a crash or a signal.
 */
export async function main(argv: string[], ctx: CliContext = { out: process.stdout, err: process.stderr }): Promise<number> {
  const program = await buildProgram(ctx, argv);
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
