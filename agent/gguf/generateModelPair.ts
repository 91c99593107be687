import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { qwen25vlVocab, type Qwen25VlVocab } from "./qwen25vlVocab.js";
import { qwen2VocabFile } from "./qwen2VocabFile.js";
import type { WeightType } from "./weightType.js";
import type { WriteModelOptions } from "./WriteModelOptions.js";

/** What to generate and where (every family's generator takes these). */
export interface GenerateModelOptions {
  readonly outDir: string;
  readonly type?: WeightType;
  /** Qwen2 vocab GGUF; default: extracted from node-llama-cpp's llama.cpp bundle. */
  readonly vocabPath?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (file: string, written: number, total: number) => void;
}

/** The pair of files a vision-language model needs. */
export interface GeneratedModel {
  readonly model: string;
  readonly mmproj: string;
}

/** How one family writes its two files. */
export interface PairWriters {
  readonly name: string;
  /** The family's tokenizer from the Qwen2 vocab file (default: Qwen2.5-VL's). */
  readonly vocab?: (vocabGgufPath: string) => Qwen25VlVocab;
  text(path: string, vocab: Qwen25VlVocab, options: WriteModelOptions): void;
  mmproj(path: string, options: WriteModelOptions): void;
}

/** Writes `<name>-<type>.gguf` and `mmproj-<name>-<type>.gguf` into `outDir`, with the real Qwen tokenizer. */
export function generateModelPair(options: GenerateModelOptions, writers: PairWriters): GeneratedModel {
  const type = options.type ?? "f16";
  mkdirSync(options.outDir, { recursive: true });
  const vocab = (writers.vocab ?? qwen25vlVocab)(options.vocabPath ?? qwen2VocabFile(join(options.outDir, ".cache")));
  const model = join(options.outDir, `${writers.name}-${type}.gguf`);
  const mmproj = join(options.outDir, `mmproj-${writers.name}-${type}.gguf`);
  const progress = (file: string) => (written: number, total: number) => options.onProgress?.(file, written, total);
  writers.text(model, vocab, { type, signal: options.signal, onProgress: progress(model) });
  writers.mmproj(mmproj, { type, signal: options.signal, onProgress: progress(mmproj) });
  return { model, mmproj };
}
