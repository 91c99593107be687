/** Dimensions of a Qwen2.5-VL text model and its vision encoder (HF config names in comments). */
export interface Qwen25VlDims {
  readonly name: string;
  readonly text: {
    readonly embd: number; // hidden_size
    readonly layers: number; // num_hidden_layers
    readonly heads: number; // num_attention_heads
    readonly headsKv: number; // num_key_value_heads
    readonly ff: number; // intermediate_size
    readonly contextLength: number; // max_position_embeddings
    readonly ropeSections: readonly [number, number, number, number]; // rope_scaling.mrope_section; sum*2 = head_dim
    readonly tiedEmbeddings: boolean; // tie_word_embeddings
  };
  readonly vision: {
    readonly embd: number; // hidden_size
    readonly layers: number; // depth
    readonly heads: number; // num_heads
    readonly ff: number; // intermediate_size (must differ from embd: clip.cpp sniffs swapped up/down by width)
    readonly fullAttentionBlocks: readonly number[]; // fullatt_block_indexes
  };
}

export const QWEN25VL_PRESETS = {
  tiny: {
    name: "deskpilot-tiny-qwen2.5-vl",
    text: { embd: 64, layers: 2, heads: 4, headsKv: 2, ff: 128, contextLength: 32768, ropeSections: [2, 3, 3, 0], tiedEmbeddings: true },
    vision: { embd: 64, layers: 2, heads: 4, ff: 96, fullAttentionBlocks: [1] },
  },
  "qwen2.5-vl-3b": {
    name: "random-qwen2.5-vl-3b",
    text: { embd: 2048, layers: 36, heads: 16, headsKv: 2, ff: 11008, contextLength: 128000, ropeSections: [16, 24, 24, 0], tiedEmbeddings: true },
    vision: { embd: 1280, layers: 32, heads: 16, ff: 3420, fullAttentionBlocks: [7, 15, 23, 31] },
  },
  "qwen2.5-vl-7b": {
    name: "random-qwen2.5-vl-7b",
    text: { embd: 3584, layers: 28, heads: 28, headsKv: 4, ff: 18944, contextLength: 128000, ropeSections: [16, 24, 24, 0], tiedEmbeddings: false },
    vision: { embd: 1280, layers: 32, heads: 16, ff: 3420, fullAttentionBlocks: [7, 15, 23, 31] },
  },
} as const satisfies Record<string, Qwen25VlDims>;

export type Qwen25VlPresetName = keyof typeof QWEN25VL_PRESETS;

export function isQwen25VlPresetName(name: string): name is Qwen25VlPresetName {
  return Object.hasOwn(QWEN25VL_PRESETS, name);
}
