/**
 * A vision encoder's grid (docs/design.md §3): patches of `patchSize` pixels merged `mergeSize`×`mergeSize`
 * into one image token, so a frame's sides are multiples of patch × merge. Qwen2.5-VL (and
 * UI-TARS-1.5 on it): 14 × 2 = 28. Qwen3-VL (and GUI-Owl-1.5, MAI-UI on it): 16 × 2 = 32.
 */
export interface FrameGrid {
  readonly patchSize: number;
  readonly mergeSize: number;
}

export const QWEN25_VL_GRID: FrameGrid = { patchSize: 14, mergeSize: 2 };
export const QWEN3_VL_GRID: FrameGrid = { patchSize: 16, mergeSize: 2 };

/** The side, in pixels, of one image token's cell: what frame sides are multiples of. */
export function gridFactor(grid: FrameGrid): number {
  return grid.patchSize * grid.mergeSize;
}
