import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { UsageError } from "../../errors/UsageError.js";
import { annotateImage } from "../../grounding/annotateImage.js";
import { createGrounder } from "../../service/createGrounder.js";
import type { GroundResult } from "../../grounding/Grounder.js";
import { addModelFlags, groundingPromptsFromFlag, imageAndText, modelSourceFromFlags, sourceFromArgs, type ModelFlags } from "./groundingFlags.js";
import { describeModelToLoad, withModelLoadingLine } from "../modelLoadingLine.js";
import { loadBesideImage } from "./loadBesideImage.js";

interface GroundFlags extends ModelFlags {
  screen?: boolean;
  display?: string;
  source?: string;
  mode: string;
  zoom?: boolean;
  annotate?: string;
  groundingPrompt?: string;
  json?: boolean;
}

/** `deskpilot ground IMAGE|--screen "QUERY"`: where is it, in image pixels and on the screen. */
export function registerGround(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("ground")
    .description("Find a described element on a screenshot or the screen: a point (or box) in image pixels and screen logical pixels")
    .argument("<args...>", "IMAGE QUERY, or QUERY with --screen")
    .option("--screen", "capture the screen instead of reading IMAGE")
    .option("--display <id>", "display to capture with --screen (default: primary)")
    .option("--source <name>", "screen source for --screen")
    .option("--mode <mode>", "point | box", "point")
    .option("--zoom", "refine on a native-resolution crop around the first hit (default: when the frame shrank the image)")
    .option("--no-zoom", "one pass only")
    .option("--annotate <out.png>", "write the image with the box and point drawn")
    .option(
      "--grounding-prompt <p>",
      "how the model is asked: json (Qwen2.5-VL's point_2d JSON) | tool-call (the ScreenSpot evaluator's computer_use left_click)",
      "json",
    )
    .option("--json", "print one JSON document on stdout");
  addModelFlags(cmd).action(async (args: string[], opts: GroundFlags) => {
    if (opts.mode !== "point" && opts.mode !== "box") throw new UsageError(`--mode is point or box, not ${opts.mode}`);
    const [prompt] = groundingPromptsFromFlag(opts.groundingPrompt, false);
    if (prompt === "tool-call" && opts.mode === "box")
      throw new UsageError("--grounding-prompt tool-call answers a point only; use --mode point, or --grounding-prompt json for a box");
    const { image: file, text: query } = imageAndText(args, opts.screen, "QUERY");
    const { source, bounds } = modelSourceFromFlags(opts);
    const { image, model: grounder } = await loadBesideImage(
      () => sourceFromArgs(file, opts),
      (signal) => withModelLoadingLine(ctx.err, describeModelToLoad(source), () => createGrounder(source, bounds, signal)),
    );
    try {
      const result = await grounder.ground(image, query, { mode: opts.mode, zoom: opts.zoom ?? "auto", prompt });
      if (opts.annotate) await writeFile(opts.annotate, await annotateImage(image, result));
      if (opts.json) printJson(ctx, groundJson(result));
      else ctx.out.write(`${describe(result, query)}\n`);
    } finally {
      await grounder.dispose();
    }
  });
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** The `--json` document of issue 4: image, frame, point, box?, screen?, label, raw, timings (+ zoom when it ran). */
export function groundJson(r: GroundResult): object {
  return {
    image: r.image,
    frame: r.frame,
    point: { x: r2(r.point.x), y: r2(r.point.y) },
    ...(r.box ? { box: r.box.map(r2) } : {}),
    ...(r.screen ? { screen: { x: r2(r.screen.point.x), y: r2(r.screen.point.y) } } : {}),
    label: r.label,
    raw: r.raw,
    timings: { prepareMs: r2(r.timings.prepareMs), modelMs: r2(r.timings.modelMs), totalMs: r2(r.timings.totalMs), passes: r.timings.passes },
    ...(r.zoom
      ? {
          zoom: {
            crop: r.zoom.crop,
            coarse: { point: { x: r2(r.zoom.coarse.point.x), y: r2(r.zoom.coarse.point.y) }, frame: r.zoom.coarse.frame, raw: r.zoom.coarse.raw },
          },
        }
      : {}),
  };
}

function describe(r: GroundResult, query: string): string {
  const at = (p: { x: number; y: number }) => `(${Math.round(p.x)}, ${Math.round(p.y)})`;
  const where = r.screen ? `screen ${at(r.screen.point)}, image ${at(r.point)}` : `image ${at(r.point)}`;
  return `${JSON.stringify(r.label || query)} at ${where}${r.box ? ` box [${r.box.map(Math.round).join(", ")}]` : ""} — frame ${r.frame.width}x${r.frame.height}, ${r.timings.passes} pass(es), ${Math.round(r.timings.totalMs)} ms`;
}
