import { QWEN3_VL_GRID } from "../geometry/frameGrid.js";
import { actionToFrame } from "./coordinateSpace.js";
import type { ModelProfile } from "./ModelProfile.js";
import { guiOwl15GroundingMessages, guiOwl15Prompt } from "./guiOwl15/guiOwl15Prompt.js";
import { qwen3VlGrammar } from "./qwen3vl/qwen3VlGrammar.js";
import { qwen3FamilyConversation, qwen3FamilyStepMessages } from "./qwen3vl/qwen3VlPrompt.js";
import { qwen3VlToAction } from "./qwen3vl/qwen3VlToAction.js";
import { readQwen3VlAnswer } from "./qwen3vl/readQwen3VlAnswer.js";
import { parseToolCallGrounding, toolCallCandidates } from "./qwen3vl/toolCallGrounding.js";

/**
 * GUI-Owl-1.5 (X-PLUG/MobileAgent Mobile-Agent-v3.5): a Qwen3-VL fine-tune whose answers are
 * Qwen3-VL's (an `Action:` line and one computer_use `<tool_call>`, relative 0–1000 per its README;
 * the thinking variants' reasoning arrives as `<thinking>…</thinking>` first), but whose prompts
 * are its own: its tool adds `interact` (ends the run: the model needs the user), its response
 * format has no Thought line, its task message lists previous actions, and it grounds with a
 * left_click/mouse_move tool call instead of `point_2d` JSON.
 */
export const guiOwl15Profile: ModelProfile = {
  id: "gui-owl-1.5",
  title: "GUI-Owl-1.5 (Action and a computer_use tool call, relative 0–1000)",
  grid: QWEN3_VL_GRID,
  defaultCoordinates: "relative-1000",
  computerUse: {
    messages: (input) => qwen3FamilyStepMessages(guiOwl15Prompt, input),
    conversation: (view) => qwen3FamilyConversation(guiOwl15Prompt, view),
    grammar: (_frame, _coordinates, kinds) => qwen3VlGrammar({ textActions: ["interact"], ...(kinds ? { kinds } : {}) }),
    maxTokens: 2048,
    parse: (raw, frame, coordinates) => actionToFrame(qwen3VlToAction(readQwen3VlAnswer(raw).args), frame, coordinates),
  },
  grounding: {
    messages: (query, mode) => guiOwl15GroundingMessages(query, mode),
    grammar: () => qwen3VlGrammar({ pointsOnly: ["left_click", "mouse_move"] }),
    maxTokens: () => 1024,
    candidates: toolCallCandidates,
    parse: (raw, frame, coordinates) => parseToolCallGrounding(raw, frame, coordinates),
  },
};
