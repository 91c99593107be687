/** A mixture-of-experts FFN (HF config names): each token runs `expertsUsed` of `experts` small FFNs. */
export interface MoeDims {
  readonly experts: number; // num_experts
  readonly expertsUsed: number; // num_experts_per_tok
  readonly expertFf: number; // moe_intermediate_size
}

/** Dimensions of a Qwen3-VL text model and its vision encoder (HF config names in comments). */
export interface Qwen3VlDims {
  readonly name: string;
  readonly text: {
    readonly embd: number; // text_config.hidden_size
    readonly layers: number; // num_hidden_layers
    readonly heads: number; // num_attention_heads
    readonly headsKv: number; // num_key_value_heads
    readonly headDim: number; // head_dim (Qwen3 decouples it from hidden_size / heads)
    readonly ff: number; // intermediate_size
    readonly contextLength: number; // max_position_embeddings
    readonly ropeSections: readonly [number, number, number, number]; // rope_scaling.mrope_section (+0); sum*2 = head_dim
    readonly tiedEmbeddings: boolean; // tie_word_embeddings
    /** Qwen3-VL MoE (`Qwen3VLMoeForConditionalGeneration`, llama.cpp `qwen3vlmoe`): routed experts in place of the dense FFN. */
    readonly moe?: MoeDims;
  };
  readonly vision: {
    readonly embd: number; // vision_config.hidden_size
    readonly layers: number; // depth
    readonly heads: number; // num_heads
    readonly ff: number; // intermediate_size
    readonly positionEmbeddings: number; // num_position_embeddings (a square: side² learned positions)
    readonly deepstackLayers: readonly number[]; // deepstack_visual_indexes
  };
}

export const QWEN3VL_PRESETS = {
  tiny: {
    name: "deskpilot-tiny-qwen3-vl",
    // head_dim 32 ≠ 64/4 on purpose: real Qwen3-VL decouples the two, so the key_length path runs.
    // More text layers than DeepStack layers, as in every real Qwen3-VL (see writeQwen3VlText).
    text: { embd: 64, layers: 3, heads: 4, headsKv: 2, headDim: 32, ff: 128, contextLength: 32768, ropeSections: [6, 5, 5, 0], tiedEmbeddings: true },
    vision: { embd: 64, layers: 3, heads: 4, ff: 96, positionEmbeddings: 64, deepstackLayers: [0, 1] },
  },
  "tiny-moe": {
    name: "deskpilot-tiny-qwen3-vl-moe",
    // The tiny pair with the real 30B-A3B's routing shape scaled down: 8 of 128 experts there, 2 of 4 here.
    text: {
      embd: 64,
      layers: 3,
      heads: 4,
      headsKv: 2,
      headDim: 32,
      ff: 128,
      contextLength: 32768,
      ropeSections: [6, 5, 5, 0],
      tiedEmbeddings: true,
      moe: { experts: 4, expertsUsed: 2, expertFf: 32 },
    },
    vision: { embd: 64, layers: 3, heads: 4, ff: 96, positionEmbeddings: 64, deepstackLayers: [0, 1] },
  },
} as const satisfies Record<string, Qwen3VlDims>;

export type Qwen3VlPresetName = keyof typeof QWEN3VL_PRESETS;

export function isQwen3VlPresetName(name: string): name is Qwen3VlPresetName {
  return Object.hasOwn(QWEN3VL_PRESETS, name);
}
