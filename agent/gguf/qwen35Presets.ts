import type { MoeDims, Qwen3VlDims } from "./qwen3vlPresets.js";

/**
 * Dimensions of a Qwen3.5 text model (HF `Qwen3_5ForConditionalGeneration`, llama.cpp `qwen35`) and
 * its vision encoder. Three of every four layers are gated-delta-net linear attention, which keep a
 * recurrent state instead of a per-token cache; the fourth is full attention with a gated query.
 */
export interface Qwen35Dims {
  readonly name: string;
  readonly text: {
    readonly embd: number; // text_config.hidden_size
    readonly layers: number; // num_hidden_layers
    readonly heads: number; // num_attention_heads (full-attention layers)
    readonly headsKv: number; // num_key_value_heads
    readonly headDim: number; // head_dim
    readonly ropeDims: number; // head_dim × partial_rotary_factor: the rotated part of each head
    readonly ropeSections: readonly [number, number, number, number]; // mrope_section (+0); sum*2 = ropeDims
    readonly ff: number; // intermediate_size
    readonly contextLength: number; // max_position_embeddings
    readonly fullAttentionInterval: number; // full_attention_interval: every Nth layer is full attention
    readonly linear: {
      readonly convKernel: number; // linear_conv_kernel_dim
      readonly headDim: number; // linear_key_head_dim = linear_value_head_dim (llama.cpp's state size)
      readonly keyHeads: number; // linear_num_key_heads (ssm.group_count)
      readonly valueHeads: number; // linear_num_value_heads (ssm.time_step_rank)
    };
    readonly tiedEmbeddings: boolean;
    /** Qwen3.5 MoE (llama.cpp `qwen35moe`): routed experts plus one always-on shared expert behind a sigmoid gate, in place of the dense FFN. */
    readonly moe?: MoeDims & { readonly sharedFf: number }; // + shared_expert_intermediate_size
  };
  /** Qwen3-VL's vision tower, without DeepStack: the qwen35 text graph takes plain image embeddings. */
  readonly vision: Qwen3VlDims["vision"] & { readonly deepstackLayers: readonly [] };
}

export const QWEN35_PRESETS = {
  tiny: {
    name: "deskpilot-tiny-qwen3.5",
    // Four layers: three linear-attention (recurrent) and one full-attention, as in every real
    // Qwen3.5 (interval 4). Partial rotary as in the real ones (a quarter of each head rotates).
    text: {
      embd: 64,
      layers: 4,
      heads: 4,
      headsKv: 2,
      headDim: 32,
      ropeDims: 16,
      ropeSections: [3, 3, 2, 0],
      ff: 128,
      contextLength: 32768,
      fullAttentionInterval: 4,
      linear: { convKernel: 4, headDim: 16, keyHeads: 2, valueHeads: 4 },
      tiedEmbeddings: true,
    },
    vision: { embd: 64, layers: 3, heads: 4, ff: 96, positionEmbeddings: 64, deepstackLayers: [] },
  },
  "tiny-moe": {
    name: "deskpilot-tiny-qwen3.5-moe",
    text: {
      embd: 64,
      layers: 4,
      heads: 4,
      headsKv: 2,
      headDim: 32,
      ropeDims: 16,
      ropeSections: [3, 3, 2, 0],
      ff: 128,
      contextLength: 32768,
      fullAttentionInterval: 4,
      linear: { convKernel: 4, headDim: 16, keyHeads: 2, valueHeads: 4 },
      tiedEmbeddings: true,
      moe: { experts: 4, expertsUsed: 2, expertFf: 32, sharedFf: 48 },
    },
    vision: { embd: 64, layers: 3, heads: 4, ff: 96, positionEmbeddings: 64, deepstackLayers: [] },
  },
} as const satisfies Record<string, Qwen35Dims>;

export type Qwen35PresetName = keyof typeof QWEN35_PRESETS;
