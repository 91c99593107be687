/** Image-token bounds of the model frame: llama.cpp's advised minimum for grounding, and its maximum. */
export interface TokenBounds {
  readonly minImageTokens: number;
  readonly maxImageTokens: number;
  /**
   * The model's frame grid (patch × merge: 28 Qwen2.5-VL, 32 Qwen3-VL); absent: 28. Set where the
   * bounds meet a model (withModelGrid), so frames are prepared on the grid the model encodes.
   */
  readonly factor?: number;
}

/** `bounds` on the grid of a model whose factor is known (a loaded model's, else its family's). */
export function withModelGrid(bounds: TokenBounds, factor: number | undefined): TokenBounds {
  return factor === undefined || factor === bounds.factor ? bounds : { ...bounds, factor };
}

export const DEFAULT_TOKEN_BOUNDS: TokenBounds = { minImageTokens: 1024, maxImageTokens: 4096 };
