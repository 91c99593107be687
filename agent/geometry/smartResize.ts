import { gridFactor, QWEN25_VL_GRID } from "./frameGrid.js";

/**
 * Qwen2.5-VL's frame grid factor (patch 14 × merge 2): the default where no model family is
 * known. Each family has its own grid (agent/profiles: ModelProfile.grid; Qwen3-VL's is 32).
 */
export const FRAME_FACTOR = gridFactor(QWEN25_VL_GRID);

/** Qwen's processor refuses images whose sides differ by more than this ratio. */
export const MAX_ASPECT_RATIO = 200;

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly tokens: number;
}

/**
 * The frame llama.cpp's mtmd (and HF's smart_resize) picks for a `width`×`height` image with
 * `minTokens`…`maxTokens` image tokens on a grid of `factor`-pixel cells (the model family's:
 * 28 for Qwen2.5-VL, 32 for Qwen3-VL). Uses float32-like arithmetic as mtmd does.
 */
export function smartResize(width: number, height: number, minTokens: number, maxTokens: number, factor = FRAME_FACTOR): Frame {
  if (!(width > 0 && height > 0)) throw new RangeError(`image size ${width}x${height} is not positive`);
  const minPixels = minTokens * factor * factor;
  const maxPixels = maxTokens * factor * factor;
  const f = Math.fround;
  const round = (x: number) => Math.round(f(x / factor)) * factor;
  const floor = (x: number) => Math.floor(f(x / factor)) * factor;
  const ceil = (x: number) => Math.ceil(f(x / factor)) * factor;
  let w = Math.max(factor, round(width));
  let h = Math.max(factor, round(height));
  if (w * h > maxPixels) {
    const beta = f(Math.sqrt(f((f(height) * width) / maxPixels)));
    h = Math.max(factor, floor(f(height / beta)));
    w = Math.max(factor, floor(f(width / beta)));
  } else if (w * h < minPixels) {
    const beta = f(Math.sqrt(f(minPixels / f(height * width))));
    h = ceil(f(height * beta));
    w = ceil(f(width * beta));
  }
  return { width: w, height: h, tokens: (w / factor) * (h / factor) };
}
