/**
 * How a grounding request is put to the model:
 * - `json`: Qwen2.5-VL's grounding style, "Locate … Output its coordinates in JSON format"
 *   (`point_2d` / `bbox_2d`), as its spatial-understanding cookbook asks;
 * - `tool-call`: the computer_use system prompt with the instruction as the user's text, answered
 *   with a `left_click` tool call: the prompt Qwen2.5-VL's published ScreenSpot scores come from
 *   (likaixin2000/ScreenSpot-Pro-GUI-Grounding models/qwen2_5vl.py). Points only.
 */
export type GroundingPromptKind = "json" | "tool-call";

export const GROUNDING_PROMPT_KINDS: readonly GroundingPromptKind[] = ["json", "tool-call"];

/** The default: `json`, the one the box mode, the answer corpus and the zoom pass are built on. */
export const DEFAULT_GROUNDING_PROMPT: GroundingPromptKind = "json";
