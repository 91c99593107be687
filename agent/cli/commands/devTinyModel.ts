import type { Command } from "commander";
import { resolve } from "node:path";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { UsageError } from "../../errors/UsageError.js";
import { isModelPresetName, MODEL_PRESET_NAMES, MODEL_PRESETS } from "../../gguf/modelPresets.js";

/** `deskpilot dev tiny-model`: writes a random-weight Qwen2.5-VL, Qwen3-VL or Qwen3.5 text GGUF + mmproj (docs/design.md §6). */
export function registerDevTinyModel(program: Command, ctx: CliContext): void {
  const dev = program.commands.find((c) => c.name() === "dev") ?? program.command("dev").description("Developer tools");
  dev
    .command("tiny-model")
    .description("Write a random-weight Qwen2.5-VL, Qwen3-VL or Qwen3.5 model pair (text GGUF + mmproj) with the real architecture and tokenizer")
    .requiredOption("--out <dir>", "folder to write the two GGUF files into")
    .option("--preset <name>", `dimensions: ${MODEL_PRESET_NAMES.join(" | ")}`, "tiny")
    .option("--type <type>", "weight type: f16 | q8_0", "f16")
    .option("--vocab <file>", "Qwen2 vocab GGUF (default: from node-llama-cpp's llama.cpp bundle)")
    .option("--json", "print one JSON document on stdout")
    .action((opts: { out: string; preset: string; type: string; vocab?: string; json?: boolean }) => {
      if (!isModelPresetName(opts.preset)) {
        throw new UsageError(`unknown --preset ${opts.preset}; use one of ${MODEL_PRESET_NAMES.join(", ")}`);
      }
      if (opts.type !== "f16" && opts.type !== "q8_0") throw new UsageError(`unknown --type ${opts.type}; use f16 or q8_0`);
      const started = performance.now();
      let lastPercent = -1;
      const files = MODEL_PRESETS[opts.preset].generate({
        outDir: resolve(opts.out),
        type: opts.type,
        vocabPath: opts.vocab,
        onProgress: (file, written, total) => {
          const percent = Math.floor((written / total) * 100);
          if (percent !== lastPercent && percent % 10 === 0) ctx.err.write(`${file}: ${percent}%\n`);
          lastPercent = percent;
        },
      });
      const result = { preset: opts.preset, type: opts.type, ...files, seconds: Math.round(performance.now() - started) / 1000 };
      if (opts.json) printJson(ctx, result);
      else ctx.out.write(`model:  ${result.model}\nmmproj: ${result.mmproj}\n`);
    });
}
