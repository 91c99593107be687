import { groundingGrammar } from "./qwen25vl/groundingGrammar.js";
import { groundingMessages } from "./qwen25vl/groundingPrompt.js";
import { findCandidates } from "./qwen25vl/parseGroundingAnswer.js";
import { computerUseMessages } from "./qwen25vl/computerUsePrompt.js";
import { parseToolCall } from "./qwen25vl/parseToolCall.js";
import { toolCallGrammar } from "./qwen25vl/toolCallGrammar.js";
import { actionToFrame, answerFrame } from "./coordinateSpace.js";
import { parseGroundingInSpace } from "./groundingInSpace.js";
import type { ModelProfile } from "./ModelProfile.js";
import { QWEN25_VL_GRID } from "../geometry/frameGrid.js";

/**
 * Qwen2.5-VL (docs/design.md §4): the cookbook's computer_use tool call and the `point_2d`/`bbox_2d` JSON,
 * from the modules that own them (agent/loop, agent/grounding). Its kept-context conversation is
 * StepConversation's own layout. For a relative-1000 endpoint (Qwen2-VL, Qwen3-VL) the prompt and
 * grammar declare a 1000×1000 screen, as Qwen3-VL's own computer-use prompt does.
 */
export const qwenProfile: ModelProfile = {
  id: "qwen2.5-vl",
  title: "Qwen2.5-VL (computer_use tool calls, point_2d/bbox_2d JSON)",
  grid: QWEN25_VL_GRID,
  defaultCoordinates: "frame-pixels",
  computerUse: {
    messages: (input) => computerUseMessages(input.task, answerFrame(input.frame, input.coordinates), input.history, input.omitted),
    grammar: (frame, coordinates, kinds) => toolCallGrammar(answerFrame(frame, coordinates), undefined, kinds),
    maxTokens: 320,
    parse: (raw, frame, coordinates) => actionToFrame(parseToolCall(raw), frame, coordinates),
  },
  grounding: {
    messages: groundingMessages,
    grammar: (frame, mode, coordinates) => groundingGrammar(answerFrame(frame, coordinates), mode),
    maxTokens: (mode) => (mode === "box" ? 112 : 96),
    candidates: findCandidates,
    parse: parseGroundingInSpace,
  },
};
