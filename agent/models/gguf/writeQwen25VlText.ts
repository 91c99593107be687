import { GgufWriter } from "./GgufWriter.js";
import { GgufValueType as T } from "./GgufValueType.js";
import { GgmlType } from "./GgmlType.js";
import { constantTensorData, randomTensorData } from "./randomTensorData.js";
import { QWEN25VL_CHAT_TEMPLATE, type Qwen25VlVocab } from "./qwen25vlVocab.js";
import type { Qwen25VlDims } from "./qwen25vlPresets.js";
import { fileTypeOf, matrixType, type WeightType } from "./weightType.js";

/** Options shared by the text and projector writers. */
export interface WriteModelOptions {
  readonly type: WeightType;
  readonly signal?: AbortSignal;
  readonly onProgress?: (written: number, total: number) => void;
}

/** Writes a random-weight Qwen2.5-VL text GGUF (`general.architecture = qwen2vl`). */
export function writeQwen25VlText(path: string, dims: Qwen25VlDims, vocab: Qwen25VlVocab, options: WriteModelOptions): void {
  const t = dims.text;
  const nVocab = vocab.tokens.length;
  const headDim = t.embd / t.heads;
  const kvWidth = headDim * t.headsKv;
  const w = new GgufWriter()
    .add("general.architecture", T.STRING, "qwen2vl")
    .add("general.name", T.STRING, dims.name)
    .add("general.file_type", T.UINT32, fileTypeOf(options.type))
    .add("qwen2vl.context_length", T.UINT32, t.contextLength)
    .add("qwen2vl.embedding_length", T.UINT32, t.embd)
    .add("qwen2vl.block_count", T.UINT32, t.layers)
    .add("qwen2vl.feed_forward_length", T.UINT32, t.ff)
    .add("qwen2vl.attention.head_count", T.UINT32, t.heads)
    .add("qwen2vl.attention.head_count_kv", T.UINT32, t.headsKv)
    .add("qwen2vl.attention.layer_norm_rms_epsilon", T.FLOAT32, 1e-6)
    .add("qwen2vl.rope.freq_base", T.FLOAT32, 1e6)
    .addArray("qwen2vl.rope.dimension_sections", T.INT32, [...t.ropeSections])
    .add("tokenizer.ggml.model", T.STRING, "gpt2")
    .add("tokenizer.ggml.pre", T.STRING, "qwen2")
    .addArray("tokenizer.ggml.tokens", T.STRING, vocab.tokens)
    .addArray("tokenizer.ggml.token_type", T.INT32, vocab.tokenTypes)
    .addArray("tokenizer.ggml.merges", T.STRING, vocab.merges)
    .add("tokenizer.ggml.eos_token_id", T.UINT32, 151645)
    .add("tokenizer.ggml.padding_token_id", T.UINT32, 151643)
    .add("tokenizer.ggml.bos_token_id", T.UINT32, 151643)
    .add("tokenizer.ggml.add_bos_token", T.BOOL, false)
    .add("tokenizer.chat_template", T.STRING, QWEN25VL_CHAT_TEMPLATE);

  let seed = 1;
  const matrix = (name: string, ne0: number, ne1: number) => {
    const type = matrixType(options.type, ne0);
    w.addTensor(name, [ne0, ne1], type, randomTensorData(type, ne0 * ne1, 1 / Math.sqrt(ne0), seed++));
  };
  const vector = (name: string, n: number, scale: number) =>
    w.addTensor(name, [n], GgmlType.F32, scale === 0 ? constantTensorData(GgmlType.F32, n, 1) : randomTensorData(GgmlType.F32, n, scale, seed++));

  matrix("token_embd.weight", t.embd, nVocab);
  for (let i = 0; i < t.layers; i++) {
    const b = `blk.${i}`;
    vector(`${b}.attn_norm.weight`, t.embd, 0);
    matrix(`${b}.attn_q.weight`, t.embd, t.embd);
    vector(`${b}.attn_q.bias`, t.embd, 0.02);
    matrix(`${b}.attn_k.weight`, t.embd, kvWidth);
    vector(`${b}.attn_k.bias`, kvWidth, 0.02);
    matrix(`${b}.attn_v.weight`, t.embd, kvWidth);
    vector(`${b}.attn_v.bias`, kvWidth, 0.02);
    matrix(`${b}.attn_output.weight`, t.embd, t.embd);
    vector(`${b}.ffn_norm.weight`, t.embd, 0);
    matrix(`${b}.ffn_gate.weight`, t.embd, t.ff);
    matrix(`${b}.ffn_up.weight`, t.embd, t.ff);
    matrix(`${b}.ffn_down.weight`, t.ff, t.embd);
  }
  vector("output_norm.weight", t.embd, 0);
  if (!t.tiedEmbeddings) matrix("output.weight", t.embd, nVocab);
  w.write(path, options.signal, options.onProgress);
}
