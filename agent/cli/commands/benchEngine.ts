import type { Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { UsageError } from "../../errors/UsageError.js";
import { NativeAddonError } from "../../../native/NativeAddonError.js";
import { nativeRoot, type NativeBuildInfo } from "../../../native/loadVisionAddon.js";
import { probeEngine } from "../../vision/probeEngine.js";
import { benchEngine } from "../../bench/engine/benchEngine.js";
import { formatBenchEngine } from "../../bench/engine/formatBenchEngine.js";
import { isModelPresetName, MODEL_PRESET_NAMES } from "../../gguf/modelPresets.js";
import { benchCacheDir } from "../../bench/engine/benchCacheDir.js";
import { benchEngineSteps, STEP_IMAGE_TOKENS } from "../../bench/engine/benchEngineSteps.js";
import { formatBenchEngineSteps } from "../../bench/engine/formatBenchEngineSteps.js";
import { benchWholeProcess } from "../../bench/engine/benchWholeProcess.js";

/** `deskpilot bench engine`: our addon vs llama-mtmd-cli on the same model, image and prompt. */
export function registerBenchEngine(bench: Command, ctx: CliContext): void {
  bench
    .command("engine")
    .description("Time one grounding request through the vision addon and through llama.cpp's llama-mtmd-cli")
    .option("--preset <name>", `random model to generate: ${MODEL_PRESET_NAMES.join(" | ")}`, "tiny")
    .option("--model <file>", "text GGUF instead of a generated one (with --mmproj)")
    .option("--mmproj <file>", "mmproj GGUF for --model")
    .option("--size <WxH>", "screenshot size before smart_resize", "1280x800")
    .option("--runs <n>", "timed requests per engine", (v) => Number.parseInt(v, 10), 3)
    .option("--max-tokens <n>", "tokens to generate", (v) => Number.parseInt(v, 10), 32)
    .option("--gpu-layers <n>", "layers to offload (-1 = all)", (v) => Number.parseInt(v, 10), 0)
    .option("--threads <n>", "CPU threads for both engines (default: all)", (v) => Number.parseInt(v, 10))
    .option(
      "--image-tokens <list>",
      `grounding steps at these image-token counts, one cold step each (full-size presets: ${STEP_IMAGE_TOKENS.join(",")}; text Q4_K_M cached in ${benchCacheDir()})`,
    )
    .option(
      "--whole-process",
      "time `deskpilot ground IMAGE QUERY` and llama-mtmd-cli each as a whole process (start-up, model load, image, request, exit), interleaved",
    )
    .option("--baseline <bin>", "with --whole-process: also time another build's bin/deskpilot.js (a checkout from before a change), in the same runs")
    .option("--json", "print one JSON document on stdout")
    .action(
      async (o: {
        baseline?: string;
        preset: string;
        model?: string;
        mmproj?: string;
        size: string;
        runs: number;
        maxTokens: number;
        gpuLayers: number;
        threads?: number;
        imageTokens?: string;
        wholeProcess?: boolean;
        json?: boolean;
      }) => {
        if (!isModelPresetName(o.preset)) throw new UsageError(`unknown --preset ${o.preset}; use one of ${MODEL_PRESET_NAMES.join(", ")}`);
        if (Boolean(o.model) !== Boolean(o.mmproj)) throw new UsageError("--model and --mmproj go together");
        if (o.baseline && !o.wholeProcess) throw new UsageError("--baseline times a whole process: give --whole-process with it");
        const [width, height] = o.size.split("x").map(Number);
        if (!width || !height) throw new UsageError(`--size must look like 1280x800, not ${o.size}`);
        const root = nativeRoot();
        const cli = join(root, "native", "build", "cmake", "llama-mtmd-cli");
        const infoPath = join(root, "native", "build", "build-info.json");
        if (!existsSync(cli) || !existsSync(infoPath)) {
          throw new NativeAddonError(
            "llama-mtmd-cli is not built; run `npm run bench:engine` once (it builds it and llama-quantize) or `node scripts/native/build.mjs --with-cli`",
          );
        }
        const info = JSON.parse(readFileSync(infoPath, "utf8")) as NativeBuildInfo;
        // llama-mtmd-cli loads its backends from its working folder: the one our engine took its GPU backend from
        const backendDir = (await probeEngine()).gpuBackendDir ?? info.binsDir ?? "";
        // what every mode of the bench is given alike
        const common = {
          cli,
          backendDir,
          preset: o.preset,
          model: o.model,
          mmproj: o.mmproj,
          gpuLayers: o.gpuLayers,
          log: (line: string) => ctx.err.write(`${line}\n`),
        };
        if (o.wholeProcess) {
          const r = await benchWholeProcess({
            ...common,
            deskpilot: join(root, "bin", "deskpilot.js"),
            ...(o.baseline ? { baseline: o.baseline } : {}),
            width,
            height,
            runs: o.runs,
            threads: o.threads,
          });
          if (o.json) printJson(ctx, r);
          else
            ctx.out.write(
              `whole process, ${r.image.width}x${r.image.height} image, at most ${r.maxTokens} tokens, median of ${r.runs}: deskpilot ground ${r.oursMs.toFixed(0)} ms, llama-mtmd-cli with the same grammar ${r.theirsMs.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)}; without a grammar ${r.theirsUnconstrainedMs.toFixed(0)} ms, ratio ${r.ratioUnconstrained.toFixed(2)}` +
                `${r.oursAnswers.refused ? ` (${r.oursAnswers.refused} of ${r.runs} answers refused as off the frame: random weights)` : ""}` +
                `${r.baselineMs !== undefined ? `; baseline ${r.baselineMs.toFixed(0)} ms, ratio ${r.baselineRatio!.toFixed(2)}` : ""}\n`,
            );
          return;
        }
        const imageTokens = parseImageTokens(o.imageTokens) ?? (!o.preset.startsWith("tiny") && !o.model ? [...STEP_IMAGE_TOKENS] : undefined);
        if (imageTokens) {
          const steps = await benchEngineSteps({
            ...common,
            quantize: join(root, "native", "build", "cmake", "llama-quantize"),
            cacheDir: benchCacheDir(),
            imageTokens,
            maxTokens: o.maxTokens,
            threads: o.threads ?? availableParallelism(),
          });
          if (o.json) printJson(ctx, steps);
          else ctx.out.write(`${formatBenchEngineSteps(steps)}\n`);
          return;
        }
        const report = await benchEngine({
          ...common,
          width,
          height,
          runs: o.runs,
          maxTokens: o.maxTokens,
          threads: o.threads,
        });
        if (o.json) printJson(ctx, report);
        else ctx.out.write(`${formatBenchEngine(report)}\n`);
      },
    );
}

/** `--image-tokens 1024,2691,4080` as numbers; each a whole count of at least 1. */
function parseImageTokens(list: string | undefined): number[] | undefined {
  if (list === undefined) return undefined;
  const tokens = list.split(",").map((t) => Number(t.trim()));
  if (tokens.length === 0 || tokens.some((t) => !Number.isInteger(t) || t < 1 || t > 16384)) {
    throw new UsageError(`--image-tokens must be a comma-separated list of whole numbers 1…16384, like 1024,2691,4080, not ${list}`);
  }
  return tokens;
}
