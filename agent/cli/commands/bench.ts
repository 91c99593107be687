import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { benchCapture, referenceSource } from "../../bench/capture/benchCapture.js";
import { registerBenchEngine } from "./benchEngine.js";
import { screenSources, type ScreenSourceName } from "../../capture/screenSources.js";
import { UsageError } from "../../errors/UsageError.js";
import { registerBenchLoop } from "./benchLoop.js";

export function registerBench(program: Command, ctx: CliContext): Command {
  const bench = program.command("bench").description("Measure DeskPilot's speed on this machine");
  bench
    .command("capture")
    .description("Median capture, conversion and model-frame preparation time of every screen source on the primary display")
    .option("--runs <n>", "timed captures per source", (v) => Number.parseInt(v, 10), 15)
    .option("--source <name>", `only this screen source (repeatable): ${Object.keys(screenSources).join(", ")}`, (v: string, all: string[]) => [...all, v], [])
    .option("--json", "print one JSON document on stdout")
    .action(async (opts: { runs: number; source: string[]; json?: boolean }) => {
      const unknown = opts.source.filter((s) => !(s in screenSources));
      if (unknown.length > 0) throw new UsageError(`unknown screen source ${unknown.join(", ")}; choose from ${Object.keys(screenSources).join(", ")}`);
      const only = opts.source.length > 0 ? (opts.source as ScreenSourceName[]) : undefined;
      const rows = await benchCapture(opts.runs, (line) => ctx.err.write(`${line}\n`), only);
      if (opts.json) return printJson(ctx, { reference: referenceSource, rows });
      const ms = (v: number | undefined) => (v === undefined ? "-" : v.toFixed(1)).padStart(9);
      ctx.out.write(`source               size         capture   convert   prepare      both   capture × ${referenceSource}\n`);
      for (const r of rows) {
        ctx.out.write(
          `${r.source.padEnd(20)} ${`${r.width}x${r.height}`.padEnd(11)} ${ms(r.medianMs)} ${ms(r.convertMs)} ${ms(r.prepareMs)} ${ms(r.captureAndPrepareMs)}   ${r.ratioToReference.toFixed(3)}` +
            `${r.capturedBy !== r.source ? `  (captured by ${r.capturedBy})` : ""}${r.error ? `  (${r.error})` : ""}\n`,
        );
      }
    });
  registerBenchEngine(bench, ctx);
  registerBenchLoop(bench, ctx);
  return bench;
}
