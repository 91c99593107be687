import { GgufWriter } from "./GgufWriter.js";
import { GgufValueType as T } from "./GgufValueType.js";
import { fileTypeOf, type WeightType } from "./weightType.js";

/** What every Qwen projector writes in its header about itself and its vision tower. */
export interface ClipVisionHeader {
  readonly name: string;
  readonly type: WeightType;
  readonly projector: string; // clip.projector_type
  /** The key that picks the vision FFN's activation (clip.cpp falls back to gelu_quick without one). */
  readonly activation: "use_silu" | "use_gelu";
  readonly vision: { readonly embd: number; readonly ff: number; readonly layers: number; readonly heads: number };
  readonly projectionDim: number; // the text model's embedding width
  readonly imageSize: number;
  readonly patch: number;
  readonly merge: number;
}

/**
 * A GGUF writer holding the `clip` keys Qwen2.5-VL's and Qwen3-VL's projectors share, in the order
 * both write them: name, file type, projector type and activation, the tower's sizes and its patch
 * grid. Each writer adds its own keys (windows, DeepStack, image mean and std) after these.
 */
export function clipVisionHeader(h: ClipVisionHeader): GgufWriter {
  return new GgufWriter()
    .add("general.architecture", T.STRING, "clip")
    .add("general.name", T.STRING, `${h.name}-mmproj`)
    .add("general.file_type", T.UINT32, fileTypeOf(h.type))
    .add("clip.has_vision_encoder", T.BOOL, true)
    .add("clip.projector_type", T.STRING, h.projector)
    .add(`clip.${h.activation}`, T.BOOL, true)
    .add("clip.vision.embedding_length", T.UINT32, h.vision.embd)
    .add("clip.vision.feed_forward_length", T.UINT32, h.vision.ff)
    .add("clip.vision.block_count", T.UINT32, h.vision.layers)
    .add("clip.vision.projection_dim", T.UINT32, h.projectionDim)
    .add("clip.vision.attention.head_count", T.UINT32, h.vision.heads)
    .add("clip.vision.attention.layer_norm_epsilon", T.FLOAT32, 1e-6)
    .add("clip.vision.image_size", T.UINT32, h.imageSize)
    .add("clip.vision.patch_size", T.UINT32, h.patch)
    .add("clip.vision.spatial_merge_size", T.UINT32, h.merge);
}
