import { generateModelPair, type GenerateModelOptions, type GeneratedModel } from "./generateModelPair.js";
import { qwen3vlVocab } from "./qwen25vlVocab.js";
import { QWEN3VL_PRESETS, type Qwen3VlPresetName } from "./qwen3vlPresets.js";
import { writeQwen3VlMmproj } from "./writeQwen3VlMmproj.js";
import { writeQwen3VlText } from "./writeQwen3VlText.js";

/** What to generate and where. */
export interface GenerateQwen3VlOptions extends GenerateModelOptions {
  readonly preset?: Qwen3VlPresetName;
}

/** Writes a random-weight Qwen3-VL text GGUF (qwen3vl) + mmproj GGUF (qwen3vl_merger, DeepStack) with the real tokenizer. */
export function generateQwen3Vl(options: GenerateQwen3VlOptions): GeneratedModel {
  const dims = QWEN3VL_PRESETS[options.preset ?? "tiny"];
  return generateModelPair(options, {
    name: dims.name,
    vocab: qwen3vlVocab,
    text: (path, vocab, o) => writeQwen3VlText(path, dims, vocab, o),
    mmproj: (path, o) => writeQwen3VlMmproj(path, dims, o),
  });
}
