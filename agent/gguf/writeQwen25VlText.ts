import { GgufWriter } from "./GgufWriter.js";
import { GgufValueType as T } from "./GgufValueType.js";
import { addQwenTokenizer } from "./addQwenTokenizer.js";
import { RandomTensors } from "./RandomTensors.js";
import { QWEN25VL_CHAT_TEMPLATE, type Qwen25VlVocab } from "./qwen25vlVocab.js";
import type { Qwen25VlDims } from "./qwen25vlPresets.js";
import { fileTypeOf } from "./weightType.js";
import { writeLayerFfn } from "./writeLayerFfn.js";
import type { WriteModelOptions } from "./WriteModelOptions.js";

export type { WriteModelOptions } from "./WriteModelOptions.js";

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
    .addArray("qwen2vl.rope.dimension_sections", T.INT32, [...t.ropeSections]);
  addQwenTokenizer(w, vocab, QWEN25VL_CHAT_TEMPLATE);

  const r = new RandomTensors(w, options.type, 1);
  const matrix = r.matrix.bind(r);
  const vector = (name: string, n: number, scale: number) => (scale === 0 ? r.ones(name, n) : r.bias(name, n, scale));

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
    writeLayerFfn(r, b, t.embd, t.ff);
  }
  vector("output_norm.weight", t.embd, 0);
  if (!t.tiedEmbeddings) matrix("output.weight", t.embd, nVocab);
  w.write(path, options.signal, options.onProgress);
}
