import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { UsageError } from "../../errors/UsageError.js";
import { createAnswerer } from "../../grounding/createGrounder.js";
import { loadScreenSpot } from "../../grounding/eval/loadScreenSpot.js";
import { formatEvalReport, progressLine } from "../../grounding/eval/formatEvalReport.js";
import { runEval } from "../../grounding/eval/runEval.js";
import { ModelGrounder } from "../../grounding/ModelGrounder.js";
import { OracleAnswerer } from "../../grounding/OracleAnswerer.js";
import { addModelFlags, modelSourceFromFlags, type ModelFlags } from "./groundingFlags.js";

interface EvalFlags extends ModelFlags {
  limit?: string;
  zoom?: boolean;
  bboxFormat?: string;
  json?: boolean;
}

/** `deskpilot eval DATASET`: ScreenSpot-style grounding accuracy (point inside the target box), overall and by group. */
export function registerEval(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("eval")
    .description("Measure grounding accuracy on a ScreenSpot / ScreenSpot-Pro format dataset (a JSON/JSONL file or its folder)")
    .argument("<dataset>", "annotation file, or the dataset's folder")
    .option("--limit <n>", "first N items only")
    .option("--zoom", "always refine with a second pass on a crop (default: when the frame shrank the image)")
    .option("--no-zoom", "one pass only")
    .option("--bbox-format <f>", "override the boxes' layout: xyxy | xywh (default: by dataset layout)")
    .option("--json", "print one JSON document on stdout");
  addModelFlags(cmd).action(async (dataset: string, opts: EvalFlags) => {
    if (opts.bboxFormat !== undefined && opts.bboxFormat !== "xyxy" && opts.bboxFormat !== "xywh") throw new UsageError("--bbox-format is xyxy or xywh");
    const limit = opts.limit === undefined ? Infinity : Number(opts.limit);
    if (!(limit >= 1) || (limit !== Infinity && !Number.isInteger(limit))) throw new UsageError(`--limit must be a whole number ≥ 1, not ${opts.limit}`);
    const records = loadScreenSpot(dataset, opts.bboxFormat as "xyxy" | "xywh" | undefined).slice(0, limit);
    const { source, bounds } = modelSourceFromFlags(opts);
    const answerer = await createAnswerer(source, bounds);
    const tty = (ctx.err as { isTTY?: boolean }).isTTY === true;
    const step = Math.max(1, Math.round(records.length / 10));
    try {
      const report = await runEval(new ModelGrounder(answerer), records, {
        zoom: opts.zoom ?? "auto",
        onItem: (r) => answerer instanceof OracleAnswerer && answerer.forImage(r.imageName),
        onProgress: (done, total, hits, meanMs) => {
          if (tty) ctx.err.write(`\r${progressLine(done, total, hits, meanMs)}${done === total ? "\n" : ""}`);
          else if (done % step === 0 || done === total) ctx.err.write(`${progressLine(done, total, hits, meanMs)}\n`);
        },
      });
      if (opts.json) printJson(ctx, report);
      else ctx.out.write(formatEvalReport(report));
    } finally {
      await answerer.dispose();
    }
  });
}
