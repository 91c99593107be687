import { clipVisionHeader } from "./clipVisionHeader.js";
import { GgufValueType as T } from "./GgufValueType.js";
import { RandomTensors } from "./RandomTensors.js";
import type { Qwen25VlDims } from "./qwen25vlPresets.js";
import type { WriteModelOptions } from "./WriteModelOptions.js";

const PATCH = 14;
const MERGE = 2;

/** Writes a random-weight Qwen2.5-VL vision projector GGUF (`clip.projector_type = qwen2.5vl_merger`). */
export function writeQwen25VlMmproj(path: string, dims: Qwen25VlDims, options: WriteModelOptions): void {
  const v = dims.vision;
  const n = v.embd;
  const merged = n * MERGE * MERGE;
  const firstFull = Math.min(...v.fullAttentionBlocks);
  const w = clipVisionHeader({
    name: dims.name,
    type: options.type,
    projector: "qwen2.5vl_merger",
    // without it clip.cpp silently uses gelu_quick in the vision FFN
    activation: "use_silu",
    vision: v,
    projectionDim: dims.text.embd,
    imageSize: 560,
    patch: PATCH,
    merge: MERGE,
  })
    .add("clip.vision.window_size", T.UINT32, 112)
    .add("clip.vision.n_wa_pattern", T.UINT32, firstFull + 1)
    .addArray("clip.vision.image_mean", T.FLOAT32, [0.48145466, 0.4578275, 0.40821073])
    .addArray("clip.vision.image_std", T.FLOAT32, [0.26862954, 0.26130258, 0.27577711]);

  const r = new RandomTensors(w, options.type, 1001);
  const matrix = r.matrix.bind(r);
  const bias = (name: string, len: number) => r.bias(name, len);
  const ones = r.ones.bind(r);
  // the two temporal slices of the 3-D patch conv; convolution kernels stay F16 in every file type
  for (const name of ["v.patch_embd.weight", "v.patch_embd.weight.1"]) {
    r.f16(name, [PATCH, PATCH, 3, n], 1 / Math.sqrt(PATCH * PATCH * 3 * 2));
  }
  for (let i = 0; i < v.layers; i++) {
    const b = `v.blk.${i}`;
    ones(`${b}.ln1.weight`, n);
    for (const p of ["attn_q", "attn_k", "attn_v", "attn_out"]) {
      matrix(`${b}.${p}.weight`, n, n);
      bias(`${b}.${p}.bias`, n);
    }
    ones(`${b}.ln2.weight`, n);
    matrix(`${b}.ffn_gate.weight`, n, v.ff);
    bias(`${b}.ffn_gate.bias`, v.ff);
    matrix(`${b}.ffn_up.weight`, n, v.ff);
    bias(`${b}.ffn_up.bias`, v.ff);
    matrix(`${b}.ffn_down.weight`, v.ff, n);
    bias(`${b}.ffn_down.bias`, n);
  }
  ones("v.post_ln.weight", n);
  matrix("mm.0.weight", merged, merged);
  bias("mm.0.bias", merged);
  matrix("mm.2.weight", merged, dims.text.embd);
  bias("mm.2.bias", dims.text.embd);
  w.write(path, options.signal, options.onProgress);
}
