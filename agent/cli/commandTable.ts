import type { Command } from "commander";
import type { CliContext } from "./CliContext.js";

/** Adds one top-level command (and its subcommands) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => unknown;

/** A top-level command as the program lists it before its module is loaded. */
export interface CommandEntry {
  readonly name: string;
  /** How `deskpilot --help` shows it: the name, `[options]` when it has any, its arguments. */
  readonly term: string;
  readonly description: string;
  /** Its module, imported only when this command runs (or its own help is asked for). */
  readonly load: () => Promise<RegisterCommand>;
}

/**
 * Every top-level command, in help order (docs/design.md §9). Each module pulls in what its
 * command needs (sharp, nut-js, the engine host…), so `deskpilot --version` or `deskpilot
 * models list` load none of the others. test/unit/cli/commandTable checks each term and
 * description against what the loaded module declares.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "capture",
    term: "capture [options]",
    description: "Capture a display at native resolution to a PNG",
    load: async () => (await import("./commands/capture.js")).registerCapture,
  },
  {
    name: "act",
    term: "act [options] <action>",
    description: "Run one computer_use action; coordinates are global screen logical pixels",
    load: async () => (await import("./commands/act.js")).registerAct,
  },
  {
    name: "bench",
    term: "bench",
    description: "Measure DeskPilot's speed on this machine",
    load: async () => (await import("./commands/bench.js")).registerBench,
  },
  {
    name: "serve",
    term: "serve [options]",
    description: "Serve the control panel and the service to a browser (token-protected; loopback by default)",
    load: async () => (await import("./commands/serve.js")).registerServe,
  },
  {
    name: "dev",
    term: "dev",
    description: "Developer tools",
    load: async () => (await import("./commands/devTinyModel.js")).registerDevTinyModel,
  },
  {
    name: "ground",
    term: "ground [options] <args...>",
    description: "Find a described element on a screenshot or the screen: a point (or box) in image pixels and screen logical pixels",
    load: async () => (await import("./commands/ground.js")).registerGround,
  },
  {
    name: "models",
    term: "models",
    description: "List, download, check and remove vision models",
    load: async () => (await import("./commands/models.js")).registerModels,
  },
  {
    name: "macro",
    term: "macro",
    description: "Record input once and replay it where the elements are now",
    load: async () => (await import("./commands/macro.js")).registerMacro,
  },
  {
    name: "ask",
    term: "ask [options] <args...>",
    description: "Answer a question about a screenshot or the screen without acting; elements the answer names are placed on the screen",
    load: async () => (await import("./commands/ask.js")).registerAsk,
  },
  {
    name: "eval",
    term: "eval [options] <dataset>",
    description: "Measure grounding accuracy on a ScreenSpot / ScreenSpot-Pro format dataset (a JSON/JSONL file or its folder)",
    load: async () => (await import("./commands/eval.js")).registerEval,
  },
  {
    name: "run",
    term: "run [options] <task>",
    description: "Carry out a task in plain words on this desktop, step by step; stop with the stop key, a screen corner or Ctrl+C",
    load: async () => (await import("./commands/run.js")).registerRun,
  },
  {
    name: "report",
    term: "report [options] <run-dir>",
    description: "Write a self-contained HTML report (timeline, annotated screenshots, timings) of a run folder",
    load: async () => (await import("./commands/report.js")).registerReport,
  },
];

/**
 * The top-level command `argv` asks for (`deskpilot run …`, `deskpilot help run`), or
 * undefined for the program's own help, its version, or a name that is no command.
 */
export function requestedCommand(argv: readonly string[]): CommandEntry | undefined {
  const operands = argv.slice(2).filter((a) => !a.startsWith("-"));
  const name = operands[0] === "help" ? operands[1] : operands[0];
  return COMMANDS.find((c) => c.name === name);
}
