import type { GroundMode } from "../GroundCandidate.js";
import { SCREEN_IS_DATA } from "../qwen25vl/computerUsePrompt.js";
import type { HistoryEntry } from "../HistoryEntry.js";
import { plainPromptText } from "../../vision/plainPromptText.js";
import { IMAGE_MARKER, type ChatMessage } from "../../vision/VisionModel.js";
import type { ConversationView, StepPromptInput } from "../ModelProfile.js";
import { formatMaiUiAnswer } from "./formatMaiUiAnswer.js";

// MAI-UI's prompts (Tongyi-MAI/MAI-UI at 4dd07b9e910a294f001452e888514d912b96cc41, src/prompt.py:
// MAI_MOBILE_SYS_PROMPT and MAI_MOBILE_SYS_PROMPT_GROUNDING), word for word but for the Android
// app list of its benchmark environment, which names nothing on a desktop. Its coordinates are
// 0–999 without the prompt saying so (src/mai_naivigation_agent.py SCALE_FACTOR = 999).
const NAVIGATION = [
  "You are a GUI agent. You are given a task and your action history, with screenshots. You need to perform the next action to complete the task.",
  "",
  "## Output Format",
  "For each function call, return the thinking process in <thinking> </thinking> tags, and a json object with function name and arguments within <tool_call></tool_call> XML tags:",
  "```",
  "<thinking>",
  "...",
  "</thinking>",
  "<tool_call>",
  '{"name": "mobile_use", "arguments": <args-json-object>}',
  "</tool_call>",
  "```",
  "",
  "## Action Space",
  "",
  '{"action": "click", "coordinate": [x, y]}',
  '{"action": "long_press", "coordinate": [x, y]}',
  '{"action": "type", "text": ""}',
  '{"action": "swipe", "direction": "up or down or left or right", "coordinate": [x, y]} # "coordinate" is optional. Use the "coordinate" if you want to swipe a specific UI element.',
  '{"action": "open", "text": "app_name"}',
  '{"action": "drag", "start_coordinate": [x1, y1], "end_coordinate": [x2, y2]}',
  '{"action": "system_button", "button": "button_name"} # Options: back, home, menu, enter',
  '{"action": "wait"}',
  '{"action": "terminate", "status": "success or fail"}',
  `{"action": "answer", "text": "xxx"} # Use escape characters \\', \\", and \\n in text part to ensure we can parse the text in normal python string format.`,
  "",
  "",
  "## Note",
  "- Write a small plan and finally summarize your next action (with its target element) in one sentence in <thinking></thinking> part.",
  "- You must follow the Action Space strictly, and return the correct json object within <thinking> </thinking> and <tool_call></tool_call> XML tags.",
].join("\n");

/** MAI-UI's navigation system prompt, then the screen-is-data rule. */
export const MAI_UI_SYSTEM = `${NAVIGATION}\n\n${SCREEN_IS_DATA}`;

/** MAI-UI's grounding system prompt (src/prompt.py MAI_MOBILE_SYS_PROMPT_GROUNDING). */
const GROUNDING = [
  "You are a GUI grounding agent. ",
  "## Task",
  "Given a screenshot and the user's grounding instruction. Your task is to accurately locate a UI element based on the user's instructions.",
  "First, you should carefully examine the screenshot and analyze the user's instructions,  translate the user's instruction into a effective reasoning process, and then provide the final coordinate.",
  "## Output Format",
  "Return a json object with a reasoning process in <grounding_think></grounding_think> tags, a [x,y] format coordinate within <answer></answer> XML tags:",
  "<grounding_think>...</grounding_think>",
  "<answer>",
  '{"coordinate": [x,y]}',
  "</answer>",
].join("\n");

/** MAI-UI's grounding request: its system prompt, then the instruction and a line break, as its agent sends them. Box mode gets the same: MAI-UI points. */
export function maiUiGroundingMessages(query: string, _mode: GroundMode): ChatMessage[] {
  return [
    { role: "system", content: GROUNDING },
    { role: "user", content: `${plainPromptText(query.trim())}\n` },
  ];
}

function note(previous: HistoryEntry | undefined): string {
  return previous?.failed ? `The previous action was not done: ${plainPromptText(previous.observation)}` : "";
}

/**
 * One step without a kept context, in MAI-UI's agent layout: the instruction, then each past step
 * as the assistant turn MAI-UI writes (the model's own words where kept, else the recorded action
 * in its format), then the current screenshot as the last user message. Past screenshots are not
 * resent.
 */
export function maiUiStepMessages(input: StepPromptInput): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: "system", content: MAI_UI_SYSTEM },
    { role: "user", content: plainPromptText(input.task.trim()) },
  ];
  let previous: HistoryEntry | undefined;
  for (const h of input.history) {
    const before = note(previous);
    if (before) messages.push({ role: "user", content: before });
    const answer = input.answers?.get(h.step);
    messages.push({ role: "assistant", content: answer !== undefined ? plainPromptText(answer) : formatMaiUiAnswer(h.action, input.frame, input.coordinates) });
    previous = h;
  }
  messages.push({ role: "user", content: note(previous) });
  return messages;
}

/** The kept-context conversation in MAI-UI's layout: instruction, then per step a user message with its screenshot (and a note when the last step failed) and the answer. */
export function maiUiConversation(view: ConversationView): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: "system", content: MAI_UI_SYSTEM },
    { role: "user", content: plainPromptText(view.task.trim()) },
  ];
  for (const h of view.base.history) messages.push({ role: "assistant", content: formatMaiUiAnswer(h.action, view.frame, view.coordinates) });
  const lastBase = view.base.history.at(-1);
  view.turns.forEach((turn, i) => {
    const text = note(i === 0 ? lastBase : turn.previous);
    messages.push({ role: "user", content: `${turn.showsScreenshot ? IMAGE_MARKER : ""}${text}` });
    if (turn.answer !== undefined) {
      const recorded = formatMaiUiAnswer(turn.answer, view.frame, view.coordinates);
      messages.push({ role: "assistant", content: recorded !== turn.answer ? recorded : plainPromptText(turn.answer) });
    }
  });
  return messages;
}
