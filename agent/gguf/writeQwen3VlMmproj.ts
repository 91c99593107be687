import { clipVisionHeader } from "./clipVisionHeader.js";
import { GgufValueType as T } from "./GgufValueType.js";
import { RandomTensors } from "./RandomTensors.js";
import type { Qwen3VlDims } from "./qwen3vlPresets.js";
import type { WriteModelOptions } from "./WriteModelOptions.js";

/** Qwen3-VL's patch: 16 px, 2×2 merged into one image token, so frames are multiples of 32. */
export const QWEN3VL_PATCH = 16;
export const QWEN3VL_MERGE = 2;

/** What the projector needs of a model's dimensions: its vision tower and the text width it projects to (Qwen3-VL's and Qwen3.5's alike). */
export type MmprojDims = Pick<Qwen3VlDims, "name" | "vision"> & { readonly text: { readonly embd: number } };

/**
 * Writes a random-weight Qwen3-VL vision projector GGUF (`clip.projector_type = qwen3vl_merger`):
 * fused-qkv LayerNorm blocks with a GELU MLP, a patch bias, learned position embeddings that
 * llama.cpp interpolates to the frame, and one DeepStack merger per `deepstackLayers` entry, whose
 * outputs llama.cpp appends to each image token's embedding (none for Qwen3.5, whose text graph takes none).
 */
export function writeQwen3VlMmproj(path: string, dims: MmprojDims, options: WriteModelOptions): void {
  const v = dims.vision;
  const n = v.embd;
  const merged = n * QWEN3VL_MERGE * QWEN3VL_MERGE;
  const out = dims.text.embd;
  const side = Math.sqrt(v.positionEmbeddings);
  if (!Number.isInteger(side)) throw new RangeError(`positionEmbeddings ${v.positionEmbeddings} is not a square`);
  const deepstack = new Set(v.deepstackLayers);
  const w = clipVisionHeader({
    name: dims.name,
    type: options.type,
    projector: "qwen3vl_merger",
    activation: "use_gelu",
    vision: v,
    projectionDim: out,
    imageSize: side * QWEN3VL_PATCH,
    patch: QWEN3VL_PATCH,
    merge: QWEN3VL_MERGE,
  })
    .addArray(
      "clip.vision.is_deepstack_layers",
      T.BOOL,
      Array.from({ length: v.layers }, (_, i) => deepstack.has(i)),
    )
    .addArray("clip.vision.image_mean", T.FLOAT32, [0.5, 0.5, 0.5])
    .addArray("clip.vision.image_std", T.FLOAT32, [0.5, 0.5, 0.5]);

  const r = new RandomTensors(w, options.type, 2001);
  // the two temporal slices of the 3-D patch conv, and the conv's bias
  for (const name of ["v.patch_embd.weight", "v.patch_embd.weight.1"]) {
    r.f16(name, [QWEN3VL_PATCH, QWEN3VL_PATCH, 3, n], 1 / Math.sqrt(QWEN3VL_PATCH * QWEN3VL_PATCH * 3 * 2));
  }
  r.bias("v.patch_embd.bias", n);
  r.f32("v.position_embd.weight", [n, v.positionEmbeddings], 0.02);
  for (let i = 0; i < v.layers; i++) {
    const b = `v.blk.${i}`;
    r.ones(`${b}.ln1.weight`, n);
    r.bias(`${b}.ln1.bias`, n);
    r.matrix(`${b}.attn_qkv.weight`, n, 3 * n);
    r.bias(`${b}.attn_qkv.bias`, 3 * n);
    r.matrix(`${b}.attn_out.weight`, n, n);
    r.bias(`${b}.attn_out.bias`, n);
    r.ones(`${b}.ln2.weight`, n);
    r.bias(`${b}.ln2.bias`, n);
    r.matrix(`${b}.ffn_up.weight`, n, v.ff);
    r.bias(`${b}.ffn_up.bias`, v.ff);
    r.matrix(`${b}.ffn_down.weight`, v.ff, n);
    r.bias(`${b}.ffn_down.bias`, n);
  }
  for (const i of [...deepstack].sort((x, y) => x - y)) {
    if (i < 0 || i >= v.layers) throw new RangeError(`deepstack layer ${i} is outside the ${v.layers} vision layers`);
    const b = `v.deepstack.${i}`;
    r.ones(`${b}.norm.weight`, merged);
    r.bias(`${b}.norm.bias`, merged);
    r.matrix(`${b}.fc1.weight`, merged, merged);
    r.bias(`${b}.fc1.bias`, merged);
    r.matrix(`${b}.fc2.weight`, merged, out);
    r.bias(`${b}.fc2.bias`, out);
  }
  r.ones("v.post_ln.weight", n);
  r.bias("v.post_ln.bias", n);
  r.matrix("mm.0.weight", merged, merged);
  r.bias("mm.0.bias", merged);
  r.matrix("mm.2.weight", merged, out);
  r.bias("mm.2.bias", out);
  w.write(path, options.signal, options.onProgress);
}
