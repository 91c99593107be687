import { QWEN3_VL_GRID } from "../geometry/frameGrid.js";
import { actionToFrame } from "./coordinateSpace.js";
import type { ModelProfile } from "./ModelProfile.js";
import { maiUiGrammar } from "./maiUi/maiUiGrammar.js";
import { maiUiCandidates, maiUiGroundingGrammar, parseMaiUiGrounding } from "./maiUi/maiUiGrounding.js";
import { maiUiConversation, maiUiGroundingMessages, maiUiStepMessages } from "./maiUi/maiUiPrompt.js";
import { qwen3VlToAction } from "./qwen3vl/qwen3VlToAction.js";
import { readQwen3VlAnswer } from "./qwen3vl/readQwen3VlAnswer.js";

/**
 * MAI-UI (Tongyi-MAI/MAI-UI), a Qwen3-VL fine-tune with its own formats: a `<thinking>` block and
 * a mobile_use `<tool_call>` in its own action space for steps, `<grounding_think>` and
 * `<answer>{"coordinate":[x,y]}</answer>` for grounding. Its agents divide by 999
 * (src/mai_naivigation_agent.py and src/mai_grounding_agent.py, SCALE_FACTOR = 999), so that is
 * the default space; its grounding evaluators divide by 1000 (evaluation/grounding/eval_server.py,
 * models/MAI_UI.py), 0.1 % apart, so an endpoint may be set to relative-1000 to match them.
 */
export const maiUiProfile: ModelProfile = {
  id: "mai-ui",
  title: "MAI-UI (<thinking> and a mobile_use tool call, relative 0–999)",
  grid: QWEN3_VL_GRID,
  defaultCoordinates: "relative-999",
  computerUse: {
    messages: maiUiStepMessages,
    conversation: maiUiConversation,
    grammar: (_frame, _coordinates, kinds) => maiUiGrammar(kinds),
    maxTokens: 1024,
    parse: (raw, frame, coordinates) => actionToFrame(qwen3VlToAction(readQwen3VlAnswer(raw).args), frame, coordinates),
  },
  grounding: {
    messages: maiUiGroundingMessages,
    grammar: () => maiUiGroundingGrammar(),
    maxTokens: () => 512,
    candidates: maiUiCandidates,
    parse: (raw, frame, coordinates) => parseMaiUiGrounding(raw, frame, coordinates),
  },
};
