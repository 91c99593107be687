import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { UsageError } from "../../errors/UsageError.js";
import { createAnswerer } from "../../service/createGrounder.js";
import { loadScreenSpot } from "../../grounding/eval/loadScreenSpot.js";
import { formatEvalReport, formatPromptComparison, progressLine } from "../../grounding/eval/formatEvalReport.js";
import { runEval, type EvalReport } from "../../grounding/eval/runEval.js";
import { ModelGrounder } from "../../grounding/ModelGrounder.js";
import { OracleAnswerer } from "../../grounding/OracleAnswerer.js";
import { addModelFlags, groundingPromptsFromFlag, modelSourceFromFlags, type ModelFlags } from "./groundingFlags.js";
import { describeModelToLoad, withModelLoadingLine } from "../modelLoadingLine.js";

interface EvalFlags extends ModelFlags {
  limit?: string;
  zoom?: boolean;
  bboxFormat?: string;
  groundingPrompt?: string;
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
    .option(
      "--grounding-prompt <list>",
      "prompt(s) to measure, comma-separated: json (Qwen2.5-VL's point_2d JSON), tool-call (the ScreenSpot evaluator's computer_use left_click); several print one row each",
      "json",
    )
    .option("--json", "print one JSON document on stdout");
  addModelFlags(cmd).action(async (dataset: string, opts: EvalFlags) => {
    if (opts.bboxFormat !== undefined && opts.bboxFormat !== "xyxy" && opts.bboxFormat !== "xywh") throw new UsageError("--bbox-format is xyxy or xywh");
    const limit = opts.limit === undefined ? Infinity : Number(opts.limit);
    if (!(limit >= 1) || (limit !== Infinity && !Number.isInteger(limit))) throw new UsageError(`--limit must be a whole number ≥ 1, not ${opts.limit}`);
    const prompts = groundingPromptsFromFlag(opts.groundingPrompt, true);
    const records = loadScreenSpot(dataset, opts.bboxFormat).slice(0, limit);
    const { source, bounds } = modelSourceFromFlags(opts);
    const answerer = await withModelLoadingLine(ctx.err, describeModelToLoad(source), () => createAnswerer(source, bounds));
    // Which family was asked, and in which space its answers were read: the numbers mean nothing without it.
    const family = answerer.profile ? { profile: answerer.profile.id, coordinates: answerer.coordinates ?? answerer.profile.defaultCoordinates } : undefined;
    if (family) ctx.err.write(`model family ${family.profile}, coordinates ${family.coordinates}, frames on a ${answerer.bounds.factor ?? 28}-px grid\n`);
    const tty = (ctx.err as { isTTY?: boolean }).isTTY === true;
    const step = Math.max(1, Math.round(records.length / 10));
    try {
      // One model, every prompt over the same items: the rows differ only in how the model was asked.
      const reports: Record<string, EvalReport> = {};
      for (const prompt of prompts) {
        if (prompts.length > 1) ctx.err.write(`grounding prompt ${prompt}\n`);
        reports[prompt] = await runEval(new ModelGrounder(answerer, prompt), records, {
          zoom: opts.zoom ?? "auto",
          onItem: (r) => answerer instanceof OracleAnswerer && answerer.forImage(r.imageName),
          onProgress: (done, total, hits, meanMs) => {
            if (tty) ctx.err.write(`\r${progressLine(done, total, hits, meanMs)}${done === total ? "\n" : ""}`);
            else if (done % step === 0 || done === total) ctx.err.write(`${progressLine(done, total, hits, meanMs)}\n`);
          },
        });
      }
      const first = reports[prompts[0]!]!;
      if (opts.json) printJson(ctx, { ...first, prompt: prompts[0], ...(prompts.length > 1 ? { prompts: reports } : {}), ...(family ?? {}) });
      else if (prompts.length === 1) ctx.out.write(formatEvalReport(first));
      else ctx.out.write(formatPromptComparison(reports));
    } finally {
      await answerer.dispose();
    }
  });
}
