import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { QWEN25VL_PRESETS, type Qwen25VlPresetName } from "./qwen25vlPresets.js";
import { qwen25vlVocab } from "./qwen25vlVocab.js";
import { qwen2VocabFile } from "./qwen2VocabFile.js";
import type { WeightType } from "./weightType.js";
import { writeQwen25VlMmproj } from "./writeQwen25VlMmproj.js";
import { writeQwen25VlText } from "./writeQwen25VlText.js";

/** What to generate and where. */
export interface GenerateQwen25VlOptions {
  readonly outDir: string;
  readonly preset?: Qwen25VlPresetName;
  readonly type?: WeightType;
  /** Qwen2 vocab GGUF; default: extracted from node-llama-cpp's llama.cpp bundle. */
  readonly vocabPath?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (file: string, written: number, total: number) => void;
}

/** The pair of files a Qwen2.5-VL model needs. */
export interface GeneratedModel {
  readonly model: string;
  readonly mmproj: string;
}

/** Writes a random-weight Qwen2.5-VL text GGUF + mmproj GGUF with the real architecture and tokenizer. */
export function generateQwen25Vl(options: GenerateQwen25VlOptions): GeneratedModel {
  const preset = options.preset ?? "tiny";
  const type = options.type ?? "f16";
  const dims = QWEN25VL_PRESETS[preset];
  mkdirSync(options.outDir, { recursive: true });
  const vocab = qwen25vlVocab(options.vocabPath ?? qwen2VocabFile(join(options.outDir, ".cache")));
  const model = join(options.outDir, `${dims.name}-${type}.gguf`);
  const mmproj = join(options.outDir, `mmproj-${dims.name}-${type}.gguf`);
  const progress = (file: string) => (written: number, total: number) => options.onProgress?.(file, written, total);
  writeQwen25VlText(model, dims, vocab, { type, signal: options.signal, onProgress: progress(model) });
  writeQwen25VlMmproj(mmproj, dims, { type, signal: options.signal, onProgress: progress(mmproj) });
  return { model, mmproj };
}
