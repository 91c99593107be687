import type { FrameSize } from "../../geometry/frameMapping.js";
import { SCREEN_IS_DATA, toolsBlock } from "../qwen25vl/computerUsePrompt.js";
import { qwenAgentJson } from "../qwen25vl/qwenAgentJson.js";
import type { HistoryEntry } from "../HistoryEntry.js";
import { plainPromptText } from "../../vision/plainPromptText.js";
import { IMAGE_MARKER, type ChatMessage } from "../../vision/VisionModel.js";
import { answerFrame, type CoordinateSpace } from "../coordinateSpace.js";
import type { ConversationView, StepPromptInput } from "../ModelProfile.js";
import { qwen3VlArguments, qwen3VlCallText, recordedAction } from "./formatQwen3VlCall.js";
import { QWEN3_VL_RESPONSE_FORMAT, qwen3VlComputerTool } from "./qwen3VlTool.js";
import { readQwen3VlAnswer } from "./readQwen3VlAnswer.js";

/** What differs between the Qwen3-VL family's computer-use prompts: the system text and the task message. */
export interface Qwen3FamilyPrompt {
  /** The system message for a screen declared as `screen` (the answer space). */
  system(screen: FrameSize): string;
  /** The task message: the task and one line per earlier step (`steps`), `omitted` more not shown. */
  query(task: string, steps: readonly string[], omitted: number): string;
}

/**
 * Qwen3-VL's computer-use prompt: Qwen-Agent's system layout (our system sentence and the
 * screen-is-data rule, then the tools block with Qwen3-VL's computer_use tool, whose screen is the
 * answer space: 1000x1000, or 999x999 for the 0–999 variant), then the mobile cookbook's response
 * format (Thought, Action, one tool call). The task message is the mobile cookbook's
 * (QwenLM/Qwen3-VL cookbooks/mobile_agent.ipynb, cell 75f43cc7): the query, then the task progress
 * as `Step n: …; ` summaries.
 */
export const qwen3VlPrompt: Qwen3FamilyPrompt = {
  system: (screen) => `You are a helpful assistant.\n\n${SCREEN_IS_DATA}\n\n${toolsBlock([qwen3VlComputerTool(screen)])}\n\n${QWEN3_VL_RESPONSE_FORMAT}`,
  query: (task, steps, omitted) => {
    const progress = [...(omitted > 0 ? [`(${omitted} earlier steps not shown); `] : []), ...steps.map((s, i) => `Step ${i + 1 + omitted}: ${s}; `)].join("");
    return `The user query: ${plainPromptText(task.trim())}.\nTask progress (You have done the following operation on the current device): ${progress}.\n`;
  },
};

/**
 * One earlier step as a line of the task progress: the model's own `Action:` summary where its
 * answer was kept (as the cookbook's history and GUI-Owl-1.5's runtime do), else the call in the
 * model's own space; a step that was not done says why, so it never passes for done.
 */
export function stepLine(h: HistoryEntry, frame: FrameSize, space: CoordinateSpace, answer?: string): string {
  let text: string | undefined;
  if (answer !== undefined) {
    try {
      const read = readQwen3VlAnswer(answer);
      // The cookbook drops quotes from its summaries.
      text = (read.summary ?? read.thought)?.replace(/"/g, "");
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) {
    const action = recordedAction(h.action);
    text = action ? qwenAgentJson(qwen3VlArguments(action, frame, space)) : h.action;
  }
  const line = plainPromptText(text.replace(/\s*\n\s*/g, " "));
  return h.failed ? `${line} (not done: ${plainPromptText(h.observation.replace(/\s*\n\s*/g, " "))})` : line;
}

/**
 * One step without a kept context (remote endpoints): the system prompt, then the task message
 * with every listed step as a progress line; the engine puts the screenshot before that last
 * user message's text, where Qwen's computer-use cookbook puts it.
 */
export function qwen3FamilyStepMessages(prompt: Qwen3FamilyPrompt, input: StepPromptInput): ChatMessage[] {
  const steps = input.history.map((h) => stepLine(h, input.frame, input.coordinates, input.answers?.get(h.step)));
  return [
    { role: "system", content: prompt.system(answerFrame(input.frame, input.coordinates)) },
    { role: "user", content: prompt.query(input.task, steps, input.omitted) },
  ];
}

/** What the model is told of a step that was not done, in the user message after it. */
function note(previous: HistoryEntry | undefined): string {
  return previous?.failed ? `The previous action was not done: ${plainPromptText(previous.observation)}` : "";
}

/**
 * The kept-context conversation in the layout of GUI-Owl-1.5's desktop runtime (a Qwen3-VL
 * fine-tune; X-PLUG/MobileAgent Mobile-Agent-v3.5/computer_use/utils.py build_messages): the task
 * message with the first screenshot, then per step the model's answer and a user message holding
 * the next screenshot (a note after it when the step failed). The marker leads each message, so a
 * screenshot out of the window leaves exactly its text. Steps before a restart are progress lines.
 */
export function qwen3FamilyConversation(prompt: Qwen3FamilyPrompt, view: ConversationView, tool = "computer_use"): ChatMessage[] {
  const steps = view.base.history.map((h) => stepLine(h, view.frame, view.coordinates));
  const messages: ChatMessage[] = [{ role: "system", content: prompt.system(answerFrame(view.frame, view.coordinates)) }];
  const lastBase = view.base.history.at(-1);
  view.turns.forEach((turn, i) => {
    const marker = turn.showsScreenshot ? IMAGE_MARKER : "";
    const text = i === 0 ? [prompt.query(view.task, steps, view.base.omitted), note(lastBase)].filter(Boolean).join("\n") : note(turn.previous);
    messages.push({ role: "user", content: `${marker}${text}` });
    if (turn.answer !== undefined) {
      messages.push({ role: "assistant", content: qwen3VlCallText(turn.answer, view.frame, view.coordinates, tool) ?? plainPromptText(turn.answer) });
    }
  });
  return messages;
}
