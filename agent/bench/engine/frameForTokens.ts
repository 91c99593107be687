import { FRAME_FACTOR, type Frame } from "../../geometry/smartResize.js";

const SCREEN_ASPECT = 16 / 9;

/**
 * A frame of exactly `tokens` image tokens (sides multiples of `factor`, 28 for Qwen2.5-VL), the
 * grid closest to a 16:9 screen: 2691 → 1932×1092 (1080p), 4080 → 2380×1344 (1440p), 1024 → 896×896.
 */
export function frameForTokens(tokens: number, factor = FRAME_FACTOR): Frame {
  if (!Number.isInteger(tokens) || tokens < 1) throw new RangeError(`image tokens must be a positive integer, not ${tokens}`);
  let best = { cols: tokens, rows: 1 };
  const distance = (cols: number, rows: number) => Math.abs(Math.log(cols / rows / SCREEN_ASPECT));
  for (let rows = 1; rows * rows <= tokens * SCREEN_ASPECT; rows++) {
    if (tokens % rows !== 0) continue;
    const cols = tokens / rows;
    if (distance(cols, rows) < distance(best.cols, best.rows)) best = { cols, rows };
  }
  return { width: best.cols * factor, height: best.rows * factor, tokens };
}
