import { generateModelPair, type GenerateModelOptions, type GeneratedModel } from "./generateModelPair.js";
import { qwen3vlVocab } from "./qwen25vlVocab.js";
import { QWEN35_PRESETS, type Qwen35PresetName } from "./qwen35Presets.js";
import { writeQwen35Text } from "./writeQwen35Text.js";
import { writeQwen3VlMmproj } from "./writeQwen3VlMmproj.js";

/** What to generate and where. */
export interface GenerateQwen35Options extends GenerateModelOptions {
  readonly preset?: Qwen35PresetName;
}

/**
 * Writes a random-weight Qwen3.5 pair: text `qwen35` (hybrid: recurrent linear attention + full
 * attention) and its `qwen3vl_merger` projector without DeepStack. The tokenizer is Qwen3's (the
 * real Qwen3.5 vocabulary is larger; the loader does not depend on it).
 */
export function generateQwen35(options: GenerateQwen35Options): GeneratedModel {
  const dims = QWEN35_PRESETS[options.preset ?? "tiny"];
  return generateModelPair(options, {
    name: dims.name,
    vocab: qwen3vlVocab,
    text: (path, vocab, o) => writeQwen35Text(path, dims, vocab, o),
    mmproj: (path, o) => writeQwen3VlMmproj(path, dims, o),
  });
}
