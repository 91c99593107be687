import { GgufValueType as T } from "./GgufValueType.js";
import { addQwenTokenizer } from "./addQwenTokenizer.js";
import { addMoeKeys } from "./moeFfn.js";
import { qwenTextHeader } from "./qwenTextHeader.js";
import { RandomTensors } from "./RandomTensors.js";
import type { Qwen25VlVocab } from "./qwen25vlVocab.js";
import type { Qwen35Dims } from "./qwen35Presets.js";
import { QWEN3VL_CHAT_TEMPLATE } from "./writeQwen3VlText.js";
import { writeLayerFfn } from "./writeLayerFfn.js";
import type { WriteModelOptions } from "./WriteModelOptions.js";

/**
 * Writes a random-weight Qwen3.5 text GGUF (`general.architecture = qwen35`), with the keys and
 * tensors llama.cpp's loader reads (src/models/qwen35.cpp): gated-delta-net layers (fused qkv,
 * z gate, causal conv, per-head decay and beta, gated RMS norm) and, every `fullAttentionInterval`
 * layers, a full-attention layer whose query projection also yields its output gate. Each layer's
 * FFN reads `post_attention_norm`; there is no DeepStack. With `moe` it is the MoE variant
 * (`qwen35moe`): routed experts and a gated shared expert as each layer's FFN.
 */
export function writeQwen35Text(path: string, dims: Qwen35Dims, vocab: Qwen25VlVocab, options: WriteModelOptions): void {
  const t = dims.text;
  const l = t.linear;
  if (t.ropeSections.reduce((a, b) => a + b, 0) * 2 !== t.ropeDims)
    throw new RangeError(`rope sections ${t.ropeSections.join("+")} do not cover ${t.ropeDims} rotated dimensions`);
  if (l.valueHeads % l.keyHeads !== 0) throw new RangeError(`${l.valueHeads} value heads are not a multiple of ${l.keyHeads} key heads`);
  const nVocab = vocab.tokens.length;
  const keyDim = l.headDim * l.keyHeads;
  const valueDim = l.headDim * l.valueHeads;
  const moe = "moe" in t ? t.moe : undefined;
  const a = moe ? "qwen35moe" : "qwen35";
  const w = qwenTextHeader(a, dims.name, options.type, t)
    .add(`${a}.rope.freq_base`, T.FLOAT32, 1e7)
    .add(`${a}.rope.dimension_count`, T.UINT32, t.ropeDims)
    .addArray(`${a}.rope.dimension_sections`, T.INT32, [...t.ropeSections])
    .add(`${a}.full_attention_interval`, T.UINT32, t.fullAttentionInterval)
    .add(`${a}.ssm.conv_kernel`, T.UINT32, l.convKernel)
    .add(`${a}.ssm.state_size`, T.UINT32, l.headDim)
    .add(`${a}.ssm.group_count`, T.UINT32, l.keyHeads)
    .add(`${a}.ssm.time_step_rank`, T.UINT32, l.valueHeads)
    .add(`${a}.ssm.inner_size`, T.UINT32, valueDim);
  if (moe) addMoeKeys(w, a, moe);
  addQwenTokenizer(w, vocab, QWEN3VL_CHAT_TEMPLATE);

  const r = new RandomTensors(w, options.type, 3001);
  r.matrix("token_embd.weight", t.embd, nVocab);
  for (let i = 0; i < t.layers; i++) {
    const b = `blk.${i}`;
    r.ones(`${b}.attn_norm.weight`, t.embd);
    if ((i + 1) % t.fullAttentionInterval === 0) {
      // Full attention: the query projection is twice as wide (query, then its sigmoid gate).
      r.matrix(`${b}.attn_q.weight`, t.embd, t.headDim * t.heads * 2);
      r.matrix(`${b}.attn_k.weight`, t.embd, t.headDim * t.headsKv);
      r.matrix(`${b}.attn_v.weight`, t.embd, t.headDim * t.headsKv);
      r.matrix(`${b}.attn_output.weight`, t.headDim * t.heads, t.embd);
      r.ones(`${b}.attn_q_norm.weight`, t.headDim);
      r.ones(`${b}.attn_k_norm.weight`, t.headDim);
    } else {
      r.matrix(`${b}.attn_qkv.weight`, t.embd, keyDim * 2 + valueDim);
      r.matrix(`${b}.attn_gate.weight`, t.embd, valueDim);
      // ggml_ssm_conv and the decay terms run in F32 in every real file.
      r.f32(`${b}.ssm_conv1d.weight`, [l.convKernel, keyDim * 2 + valueDim], 1 / Math.sqrt(l.convKernel));
      r.bias(`${b}.ssm_dt.bias`, l.valueHeads, 0.5);
      // ssm_a holds −exp(A_log): negative, so the state decays rather than grows.
      r.constant(`${b}.ssm_a`, l.valueHeads, -1);
      r.matrix(`${b}.ssm_beta.weight`, t.embd, l.valueHeads);
      r.matrix(`${b}.ssm_alpha.weight`, t.embd, l.valueHeads);
      r.ones(`${b}.ssm_norm.weight`, l.headDim);
      r.matrix(`${b}.ssm_out.weight`, valueDim, t.embd);
    }
    r.ones(`${b}.post_attention_norm.weight`, t.embd);
    writeLayerFfn(r, b, t.embd, t.ff, moe);
  }
  r.ones("output_norm.weight", t.embd);
  if (!t.tiedEmbeddings) r.matrix("output.weight", t.embd, nVocab);
  w.write(path, options.signal, options.onProgress);
}
