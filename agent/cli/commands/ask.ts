import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { askAboutImage, type AskResult } from "../../grounding/askAboutImage.js";
import { createAnswerer } from "../../service/createGrounder.js";
import { UsageError } from "../../errors/UsageError.js";
import { addModelFlags, imageAndText, modelSourceFromFlags, sourceFromArgs, type ModelFlags } from "./groundingFlags.js";
import { describeModelToLoad, withModelLoadingLine } from "../modelLoadingLine.js";
import { loadBesideImage } from "./loadBesideImage.js";

interface AskFlags extends ModelFlags {
  screen?: boolean;
  display?: string;
  source?: string;
  maxTokens: string;
  json?: boolean;
}

/** `deskpilot ask IMAGE|--screen "QUESTION"`: answers about what is shown, without acting, streaming the answer. */
export function registerAsk(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("ask")
    .description("Answer a question about a screenshot or the screen without acting; elements the answer names are placed on the screen")
    .argument("<args...>", "IMAGE QUESTION, or QUESTION with --screen")
    .option("--screen", "capture the screen instead of reading IMAGE")
    .option("--display <id>", "display to capture with --screen (default: primary)")
    .option("--source <name>", "screen source for --screen")
    .option("--max-tokens <n>", "longest answer, in tokens", "512")
    .option("--json", "print one JSON document on stdout at the end instead of streaming");
  addModelFlags(cmd).action(async (args: string[], opts: AskFlags) => {
    const { image: file, text: question } = imageAndText(args, opts.screen, "QUESTION");
    const maxTokens = Number(opts.maxTokens);
    if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new UsageError(`--max-tokens must be a whole number ≥ 1, not ${opts.maxTokens}`);
    const { source, bounds } = modelSourceFromFlags(opts);
    const { image, model: answerer } = await loadBesideImage(
      () => sourceFromArgs(file, opts),
      (signal) => withModelLoadingLine(ctx.err, describeModelToLoad(source), () => createAnswerer(source, bounds, signal)),
    );
    try {
      const onToken = opts.json ? undefined : (t: string) => void ctx.out.write(t);
      const result = await askAboutImage(answerer, image, question, { maxTokens, onToken });
      if (opts.json) printJson(ctx, askJson(result));
      else ctx.out.write(`\n${elementLines(result)}`);
    } finally {
      await answerer.dispose();
    }
  });
}

const r2 = (v: number) => Math.round(v * 100) / 100;

function askJson(r: AskResult): object {
  return {
    text: r.text,
    image: r.image,
    frame: r.frame,
    elements: r.elements.map((e) => ({
      label: e.label,
      point: { x: r2(e.point.x), y: r2(e.point.y) },
      ...(e.box ? { box: e.box.map(r2) } : {}),
      ...(e.screen ? { screen: { x: r2(e.screen.point.x), y: r2(e.screen.point.y), ...(e.screen.box ? { box: e.screen.box.map(r2) } : {}) } } : {}),
    })),
    timings: { prepareMs: r2(r.timings.prepareMs), modelMs: r2(r.timings.modelMs), totalMs: r2(r.timings.totalMs) },
  };
}

function elementLines(r: AskResult): string {
  return r.elements
    .map((e) => {
      const p = e.screen?.point ?? e.point;
      return `- ${e.label || "(element)"}: ${e.screen ? "screen" : "image"} (${Math.round(p.x)}, ${Math.round(p.y)})\n`;
    })
    .join("");
}
