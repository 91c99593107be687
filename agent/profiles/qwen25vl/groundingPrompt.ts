import { plainPromptText } from "../../vision/plainPromptText.js";
import type { ChatMessage } from "../../vision/VisionModel.js";
import type { GroundMode } from "../GroundCandidate.js";

/**
 * The request in Qwen2.5-VL's own grounding style (JSON with `point_2d` / `bbox_2d` and `label`,
 * in the resized image's absolute pixels). The query is quoted: it is data from the user.
 */
export function groundingMessages(query: string, mode: GroundMode): ChatMessage[] {
  const what = JSON.stringify(plainPromptText(query.trim()));
  const text =
    mode === "box"
      ? `Locate ${what} in the image. Output its bbox coordinates in JSON format: {"bbox_2d": [x1, y1, x2, y2], "label": "<short name>"}.`
      : `Locate ${what} in the image and point to its centre. Output its coordinates in JSON format: {"point_2d": [x, y], "label": "<short name>"}.`;
  return [{ role: "user", content: text }];
}
