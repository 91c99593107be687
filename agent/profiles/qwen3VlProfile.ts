import { groundingGrammar } from "./qwen25vl/groundingGrammar.js";
import { groundingMessages } from "./qwen25vl/groundingPrompt.js";
import { findCandidates } from "./qwen25vl/parseGroundingAnswer.js";
import { QWEN3_VL_GRID } from "../geometry/frameGrid.js";
import { actionToFrame, answerFrame } from "./coordinateSpace.js";
import { parseGroundingInSpace } from "./groundingInSpace.js";
import type { ModelProfile } from "./ModelProfile.js";
import { qwen3VlGrammar } from "./qwen3vl/qwen3VlGrammar.js";
import { qwen3FamilyConversation, qwen3FamilyStepMessages, qwen3VlPrompt } from "./qwen3vl/qwen3VlPrompt.js";
import { qwen3VlToAction } from "./qwen3vl/qwen3VlToAction.js";
import { readQwen3VlAnswer } from "./qwen3vl/readQwen3VlAnswer.js";
import { groundingAfterReasoning } from "./qwen3vl/splitReasoning.js";

/**
 * Qwen3-VL (QwenLM/Qwen3-VL cookbooks): the computer_use tool on a screen declared as the space it
 * answers in (1000x1000; 999x999 for the 0–999 variant of Qwen's mobile cookbook), answers as
 * `Thought:`/`Action:` lines and one `<tool_call>`, with `triple_click`, `hscroll` and `answer`
 * beside Qwen2.5-VL's actions; thinking variants put a reasoning block first, which is stripped
 * before parsing (readQwen3VlAnswer keeps it for the run record). Grounding is Qwen's
 * `point_2d`/`bbox_2d` JSON in 0–1000. A thinking variant's reasoning needs room: 2048 tokens (the local grammar admits no reasoning: the catalog offers Instruct models).
 */
export const qwen3VlProfile: ModelProfile = {
  id: "qwen3-vl",
  title: "Qwen3-VL (Thought/Action and a computer_use tool call, relative 0–1000)",
  grid: QWEN3_VL_GRID,
  defaultCoordinates: "relative-1000",
  computerUse: {
    messages: (input) => qwen3FamilyStepMessages(qwen3VlPrompt, input),
    conversation: (view) => qwen3FamilyConversation(qwen3VlPrompt, view),
    grammar: (_frame, _coordinates, kinds) => qwen3VlGrammar(kinds ? { kinds } : {}),
    maxTokens: 2048,
    parse: (raw, frame, coordinates) => actionToFrame(qwen3VlToAction(readQwen3VlAnswer(raw).args), frame, coordinates),
  },
  grounding: {
    messages: groundingMessages,
    // Instruct models write no reasoning block: the grammar admits none (the parser still strips one).
    grammar: (frame, mode, coordinates) => groundingGrammar(answerFrame(frame, coordinates), mode),
    maxTokens: () => 1024,
    candidates: (raw) => {
      try {
        return findCandidates(groundingAfterReasoning(raw));
      } catch {
        return [];
      }
    },
    parse: (raw, frame, coordinates, query) => parseGroundingInSpace(groundingAfterReasoning(raw), frame, coordinates, query),
  },
};
