import type { ModelProfile } from "./ModelProfile.js";
import { QWEN25_VL_GRID } from "../geometry/frameGrid.js";
import { actionToFrame } from "./coordinateSpace.js";
import { parseUiTarsGrounding, uiTarsCandidates } from "./uiTars/parseUiTarsGrounding.js";
import { readUiTarsCall } from "./uiTars/readUiTarsCall.js";
import { uiTarsGrammar, uiTarsGroundingGrammar } from "./uiTars/uiTarsGrammar.js";
import { uiTarsComputerUsePrompt, uiTarsConversation, uiTarsGroundingMessages, uiTarsStepMessages } from "./uiTars/uiTarsPrompt.js";
import { uiTarsToAction } from "./uiTars/uiTarsToAction.js";

export { uiTarsComputerUsePrompt };

/**
 * UI-TARS-1.5 (bytedance/UI-TARS): `Thought: …\nAction: click(point='<point>x y</point>')`, its
 * screenshots and answers alternating as its runtimes lay them out, answers in absolute pixels of
 * the smart-resized frame (README_coordinates.md). The thought needs room: 768 tokens per answer.
 */
export const uiTarsProfile: ModelProfile = {
  id: "ui-tars-1.5",
  title: "UI-TARS-1.5 (Thought/Action calls)",
  grid: QWEN25_VL_GRID,
  defaultCoordinates: "frame-pixels",
  computerUse: {
    messages: uiTarsStepMessages,
    conversation: uiTarsConversation,
    grammar: (_frame, _coordinates, kinds) => uiTarsGrammar(kinds),
    maxTokens: 768,
    parse: (raw, frame, coordinates) => actionToFrame(uiTarsToAction(readUiTarsCall(raw)), frame, coordinates),
  },
  grounding: {
    messages: uiTarsGroundingMessages,
    grammar: () => uiTarsGroundingGrammar(),
    maxTokens: () => 160,
    candidates: uiTarsCandidates,
    parse: (raw, frame, coordinates) => parseUiTarsGrounding(raw, frame, coordinates),
  },
};
