import { generateModelPair, type GenerateModelOptions, type GeneratedModel } from "./generateModelPair.js";
import { QWEN25VL_PRESETS, type Qwen25VlPresetName } from "./qwen25vlPresets.js";
import { writeQwen25VlMmproj } from "./writeQwen25VlMmproj.js";
import { writeQwen25VlText } from "./writeQwen25VlText.js";

export type { GeneratedModel } from "./generateModelPair.js";

/** What to generate and where. */
export interface GenerateQwen25VlOptions extends GenerateModelOptions {
  readonly preset?: Qwen25VlPresetName;
}

/** Writes a random-weight Qwen2.5-VL text GGUF + mmproj GGUF with the real architecture and tokenizer. */
export function generateQwen25Vl(options: GenerateQwen25VlOptions): GeneratedModel {
  const dims = QWEN25VL_PRESETS[options.preset ?? "tiny"];
  return generateModelPair(options, {
    name: dims.name,
    text: (path, vocab, o) => writeQwen25VlText(path, dims, vocab, o),
    mmproj: (path, o) => writeQwen25VlMmproj(path, dims, o),
  });
}
