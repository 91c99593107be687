import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { readRunLog } from "../../runs/readRunLog.js";
import { renderReport } from "../../runs/renderReport.js";

/** `deskpilot report RUN_DIR --out report.html`: a self-contained HTML report of a recorded run. */
export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command("report")
    .description("Write a self-contained HTML report (timeline, annotated screenshots, timings) of a run folder")
    .argument("<run-dir>", "the folder `deskpilot run` printed at its end")
    .requiredOption("--out <file.html>", "where to write the report")
    .option("--json", "print one JSON document on stdout")
    .action(async (dir: string, opts: { out: string; json?: boolean }) => {
      const log = readRunLog(dir);
      const html = await renderReport(log);
      await writeFile(opts.out, html);
      const summary = { out: opts.out, steps: log.steps.length, status: log.end?.status ?? null, bytes: Buffer.byteLength(html) };
      if (opts.json) printJson(ctx, summary);
      else ctx.out.write(`wrote ${opts.out}: ${summary.steps} steps, ${summary.status ?? "unfinished run"}\n`);
    });
}
