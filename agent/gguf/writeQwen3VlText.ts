import { GgufValueType as T } from "./GgufValueType.js";
import { addQwenTokenizer } from "./addQwenTokenizer.js";
import { addMoeKeys } from "./moeFfn.js";
import { qwenTextHeader } from "./qwenTextHeader.js";
import { RandomTensors } from "./RandomTensors.js";
import type { Qwen25VlVocab } from "./qwen25vlVocab.js";
import type { Qwen3VlDims } from "./qwen3vlPresets.js";
import { writeLayerFfn } from "./writeLayerFfn.js";
import type { WriteModelOptions } from "./WriteModelOptions.js";

/**
 * A ChatML template with no default system message, as Qwen3-VL's own has none (so the engine
 * adds none either). Images go between <|vision_start|> and <|vision_end|>, as in Qwen2.5-VL.
 */
export const QWEN3VL_CHAT_TEMPLATE =
  "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{% if message['content'] is string %}{{ message['content'] }}{% else %}{% for content in message['content'] %}{% if content['type'] == 'image' %}<|vision_start|><|image_pad|><|vision_end|>{% elif 'text' in content %}{{ content['text'] }}{% endif %}{% endfor %}{% endif %}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

/**
 * Writes a random-weight Qwen3-VL text GGUF (`general.architecture = qwen3vl`): Qwen3 blocks (RMS
 * q/k norms, no qkv bias), interleaved M-RoPE sections, and `n_deepstack_layers`, which widens the
 * image embeddings llama.cpp takes to embd × (1 + deepstack layers). With `moe` it is the MoE
 * variant (`qwen3vlmoe`, as Qwen3-VL-30B-A3B): the same blocks with routed experts as the FFN.
 */
export function writeQwen3VlText(path: string, dims: Qwen3VlDims, vocab: Qwen25VlVocab, options: WriteModelOptions): void {
  const t = dims.text;
  // llama.cpp adds DeepStack input i after text layer i, and its last layer keeps only the output
  // rows: a DeepStack add there would not fit (GGML_ASSERT), so real models never put one there.
  if (dims.vision.deepstackLayers.length >= t.layers) {
    throw new RangeError(`${dims.vision.deepstackLayers.length} DeepStack layers need more than ${t.layers} text layers`);
  }
  const nVocab = vocab.tokens.length;
  const qWidth = t.headDim * t.heads;
  const kvWidth = t.headDim * t.headsKv;
  const moe = "moe" in t ? t.moe : undefined;
  const a = moe ? "qwen3vlmoe" : "qwen3vl";
  const w = qwenTextHeader(a, dims.name, options.type, t)
    .add(`${a}.rope.freq_base`, T.FLOAT32, 5e6)
    .addArray(`${a}.rope.dimension_sections`, T.INT32, [...t.ropeSections])
    .add(`${a}.n_deepstack_layers`, T.UINT32, dims.vision.deepstackLayers.length);
  if (moe) addMoeKeys(w, a, moe);
  addQwenTokenizer(w, vocab, QWEN3VL_CHAT_TEMPLATE);

  const r = new RandomTensors(w, options.type, 1);
  r.matrix("token_embd.weight", t.embd, nVocab);
  for (let i = 0; i < t.layers; i++) {
    const b = `blk.${i}`;
    r.ones(`${b}.attn_norm.weight`, t.embd);
    r.matrix(`${b}.attn_q.weight`, t.embd, qWidth);
    r.matrix(`${b}.attn_k.weight`, t.embd, kvWidth);
    r.matrix(`${b}.attn_v.weight`, t.embd, kvWidth);
    r.matrix(`${b}.attn_output.weight`, qWidth, t.embd);
    r.ones(`${b}.attn_q_norm.weight`, t.headDim);
    r.ones(`${b}.attn_k_norm.weight`, t.headDim);
    r.ones(`${b}.ffn_norm.weight`, t.embd);
    writeLayerFfn(r, b, t.embd, t.ff, moe);
  }
  r.ones("output_norm.weight", t.embd);
  if (!t.tiedEmbeddings) r.matrix("output.weight", t.embd, nVocab);
  w.write(path, options.signal, options.onProgress);
}
