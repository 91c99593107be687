import { join } from "node:path";
import { addQwenTokenizer } from "../../../agent/gguf/addQwenTokenizer.js";
import { GgufWriter } from "../../../agent/gguf/GgufWriter.js";
import { GgufValueType as T } from "../../../agent/gguf/GgufValueType.js";
import { qwen25vlVocab } from "../../../agent/gguf/qwen25vlVocab.js";
import { qwen2VocabFile } from "../../../agent/gguf/qwen2VocabFile.js";
import { QWEN25VL_CHAT_TEMPLATE } from "../../../agent/gguf/qwen25vlVocab.js";
import { RandomTensors } from "../../../agent/gguf/RandomTensors.js";

/**
 * A random-weight Mamba text GGUF (llama.cpp `mamba`, a recurrent model: one state per sequence,
 * no per-token cache) 64 wide, with the Qwen2 tokenizer, so it pairs with the tiny Qwen2.5-VL
 * projector (which projects to 64). Recurrent state is what Qwen3.5's layers keep too; this
 * stands in for it where no Qwen3.5 weights exist. Tensor names and shapes: src/models/mamba.cpp.
 */
export function writeTinyMamba(dir: string): string {
  const embd = 64,
    layers = 2,
    inner = 2 * embd,
    state = 8,
    conv = 4,
    dtRank = 4;
  const vocab = qwen25vlVocab(qwen2VocabFile(join(dir, ".cache")));
  const w = new GgufWriter()
    .add("general.architecture", T.STRING, "mamba")
    .add("general.name", T.STRING, "deskpilot-tiny-mamba")
    .add("general.file_type", T.UINT32, 1)
    .add("mamba.context_length", T.UINT32, 32768)
    .add("mamba.embedding_length", T.UINT32, embd)
    .add("mamba.block_count", T.UINT32, layers)
    .add("mamba.feed_forward_length", T.UINT32, 0)
    .add("mamba.attention.head_count", T.UINT32, 0)
    .add("mamba.attention.layer_norm_rms_epsilon", T.FLOAT32, 1e-5)
    .add("mamba.ssm.conv_kernel", T.UINT32, conv)
    .add("mamba.ssm.inner_size", T.UINT32, inner)
    .add("mamba.ssm.state_size", T.UINT32, state)
    .add("mamba.ssm.time_step_rank", T.UINT32, dtRank);
  addQwenTokenizer(w, vocab, QWEN25VL_CHAT_TEMPLATE);
  const r = new RandomTensors(w, "f16", 3001);
  r.matrix("token_embd.weight", embd, vocab.tokens.length);
  for (let i = 0; i < layers; i++) {
    const b = `blk.${i}`;
    r.ones(`${b}.attn_norm.weight`, embd);
    r.matrix(`${b}.ssm_in.weight`, embd, 2 * inner);
    r.f32(`${b}.ssm_conv1d.weight`, [conv, inner], 0.5);
    r.bias(`${b}.ssm_conv1d.bias`, inner);
    r.matrix(`${b}.ssm_x.weight`, inner, dtRank + 2 * state);
    r.f32(`${b}.ssm_dt.weight`, [dtRank, inner], 0.5);
    r.bias(`${b}.ssm_dt.bias`, inner);
    r.f32(`${b}.ssm_a`, [state, inner], 0.5);
    r.ones(`${b}.ssm_d`, inner);
    r.matrix(`${b}.ssm_out.weight`, inner, embd);
  }
  r.ones("output_norm.weight", embd);
  const path = join(dir, "deskpilot-tiny-mamba-f16.gguf");
  w.write(path);
  return path;
}
