import type { GgufWriter } from "./GgufWriter.js";
import { GgufValueType as T } from "./GgufValueType.js";
import type { Qwen25VlVocab } from "./qwen25vlVocab.js";

/** Writes the Qwen2 BPE tokenizer keys (ids as Qwen's tokenizer_config has them) and a chat template. */
export function addQwenTokenizer(w: GgufWriter, vocab: Qwen25VlVocab, chatTemplate: string): GgufWriter {
  return w
    .add("tokenizer.ggml.model", T.STRING, "gpt2")
    .add("tokenizer.ggml.pre", T.STRING, "qwen2")
    .addArray("tokenizer.ggml.tokens", T.STRING, vocab.tokens)
    .addArray("tokenizer.ggml.token_type", T.INT32, vocab.tokenTypes)
    .addArray("tokenizer.ggml.merges", T.STRING, vocab.merges)
    .add("tokenizer.ggml.eos_token_id", T.UINT32, 151645)
    .add("tokenizer.ggml.padding_token_id", T.UINT32, 151643)
    .add("tokenizer.ggml.bos_token_id", T.UINT32, 151643)
    .add("tokenizer.ggml.add_bos_token", T.BOOL, false)
    .add("tokenizer.chat_template", T.STRING, chatTemplate);
}
