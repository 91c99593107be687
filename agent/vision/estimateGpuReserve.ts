/** The sizes of a Qwen2.5-VL pair that decide its memory beside the text weights (GGUF metadata). */
export interface ModelShape {
  /** Text model: qwen2vl.embedding_length, block_count, attention.head_count(_kv), feed_forward_length. */
  readonly embd: number;
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  /** embd / heads for Qwen2 (also sum(rope.dimension_sections) * 2). */
  readonly headDim: number;
  readonly ff: number;
  /** Entries in tokenizer.ggml.tokens. */
  readonly vocab: number;
  /** Vision encoder: clip.vision.embedding_length; patches merge 2×2 into one image token. */
  readonly visionEmbd: number;
  readonly mergeSize: number;
  /** Layers that keep a KV cache (default: all). Qwen3.5 keeps one in `full_attention_interval`; the others keep a recurrent state. */
  readonly kvLayers?: number;
  /** Bytes of recurrent state the engine's sequences hold (llama.cpp's n_embd_r + n_embd_s, F32, per recurrent layer), whatever the context size. */
  readonly recurrentStateBytes?: number;
}

/** Bytes the engine needs on the GPU besides the text weights, split the way llama.cpp allocates them. */
export interface GpuReserve {
  /** The vision encoder's weights (the mmproj file). */
  readonly mmproj: number;
  /** f16 K and V for every attention layer at the context size, plus a hybrid model's recurrent state. */
  readonly kvCache: number;
  /** The text model's compute buffer for one ubatch. */
  readonly textCompute: number;
  /** The vision encoder's compute buffer at the largest frame. */
  readonly visionCompute: number;
  readonly total: number;
}

/** The engine's ubatch and the logit rows it reserves (native/src/VisionEngine.h). */
const UBATCH = 512;
const OUTPUT_ROWS = 2;

/**
 * What to keep free on the GPU for a model: mmproj + KV cache + compute buffers, from the
 * model's own sizes. The compute terms are llama.cpp's largest live tensors, fitted to its
 * `compute buffer size` reports on generated models at the tiny model's and the 3B's widths:
 * for the text model one ubatch's f16 attention mask, its FFN and residual activations and the
 * logit rows (3B widths: 89.7 MiB here, 88.5 reported); for the vision encoder, Qwen2.5-VL's
 * window attention, which mtmd builds as a dense f32 mask over all patches and casts to f16
 * (6 bytes per patch pair, so it grows with the square of the image tokens), plus per-patch
 * activations (3B widths at 4096 tokens: 2016 MiB here, 1893 reported; at 1334, 319 and 312).
 * Assumes flash attention (llama.cpp's "auto" turns it on where the GPU supports it).
 */
export function estimateGpuReserve(shape: ModelShape, mmprojBytes: number, contextSize: number, maxImageTokens: number): GpuReserve {
  const kvCache = 2 * (shape.kvLayers ?? shape.layers) * contextSize * shape.kvHeads * shape.headDim * 2 + (shape.recurrentStateBytes ?? 0);
  const textCompute = UBATCH * contextSize * 2 + UBATCH * 4 * (3 * shape.ff + 4 * shape.embd) + OUTPUT_ROWS * shape.vocab * 4;
  const patches = maxImageTokens * shape.mergeSize * shape.mergeSize;
  const visionCompute = 6 * patches * patches + patches * shape.visionEmbd * 4 * 6;
  return { mmproj: mmprojBytes, kvCache, textCompute, visionCompute, total: mmprojBytes + kvCache + textCompute + visionCompute };
}
