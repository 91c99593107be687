import { QWEN3_VL_GRID } from "../vision/frameGrid.js";
import type { ModelProfile } from "./ModelProfile.js";
import { qwenProfile } from "./qwenProfile.js";

/**
 * Qwen3-VL (QwenLM/Qwen3-VL): a 16-px patch merged 2×2, so frames are multiples of 32, and answers
 * in 0–1000 of the image. Its computer-use call is the computer_use tool call Qwen2.5-VL's profile
 * speaks, told a 1000×1000 screen as Qwen3-VL's own prompt is; its grounding is the same
 * point_2d/bbox_2d JSON in 0–1000.
 */
export const qwen3VlProfile: ModelProfile = {
  ...qwenProfile,
  id: "qwen3-vl",
  title: "Qwen3-VL (computer_use tool calls, 0–1000 coordinates)",
  grid: QWEN3_VL_GRID,
  defaultCoordinates: "relative-1000",
};
