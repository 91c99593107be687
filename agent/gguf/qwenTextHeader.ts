import { GgufWriter } from "./GgufWriter.js";
import { GgufValueType as T } from "./GgufValueType.js";
import { fileTypeOf, type WeightType } from "./weightType.js";

/** The text dimensions every Qwen3-generation writer puts in its header (HF config names in the presets). */
export interface QwenTextHeaderDims {
  readonly contextLength: number;
  readonly embd: number;
  readonly layers: number;
  readonly ff: number;
  readonly heads: number;
  readonly headsKv: number;
  readonly headDim: number;
}

/**
 * A GGUF writer holding the keys Qwen3-VL and Qwen3.5 text models share, under the `arch` prefix:
 * name, file type, sizes, heads with their decoupled head_dim, and the RMS-norm epsilon. Each
 * writer adds its own rope and architecture keys after these.
 */
export function qwenTextHeader(arch: string, name: string, type: WeightType, t: QwenTextHeaderDims): GgufWriter {
  return new GgufWriter()
    .add("general.architecture", T.STRING, arch)
    .add("general.name", T.STRING, name)
    .add("general.file_type", T.UINT32, fileTypeOf(type))
    .add(`${arch}.context_length`, T.UINT32, t.contextLength)
    .add(`${arch}.embedding_length`, T.UINT32, t.embd)
    .add(`${arch}.block_count`, T.UINT32, t.layers)
    .add(`${arch}.feed_forward_length`, T.UINT32, t.ff)
    .add(`${arch}.attention.head_count`, T.UINT32, t.heads)
    .add(`${arch}.attention.head_count_kv`, T.UINT32, t.headsKv)
    .add(`${arch}.attention.key_length`, T.UINT32, t.headDim)
    .add(`${arch}.attention.value_length`, T.UINT32, t.headDim)
    .add(`${arch}.attention.layer_norm_rms_epsilon`, T.FLOAT32, 1e-6);
}
