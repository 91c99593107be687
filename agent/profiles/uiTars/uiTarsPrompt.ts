import type { GroundMode } from "../GroundCandidate.js";
import type { HistoryEntry } from "../HistoryEntry.js";
import { plainPromptText } from "../../vision/plainPromptText.js";
import { IMAGE_MARKER, type ChatMessage } from "../../vision/VisionModel.js";
import type { ConversationView, StepPromptInput } from "../ModelProfile.js";
import { formatUiTarsAction } from "./formatUiTarsAction.js";

// UI-TARS-1.5's prompts (bytedance/UI-TARS codes/ui_tars/prompt.py: COMPUTER_USE with the call_user
// line of its CALL_USR action space, and GROUNDING), in their current `<point>x y</point>` form:
// plain text, so nothing depends on whether the box tokens are parsed as special tokens. The model
// was trained on these words; they are its interface, so they are kept as they are.
const ACTION_SPACE = [
  "click(point='<point>x1 y1</point>')",
  "left_double(point='<point>x1 y1</point>')",
  "right_single(point='<point>x1 y1</point>')",
  "drag(start_point='<point>x1 y1</point>', end_point='<point>x2 y2</point>')",
  "hotkey(key='ctrl c') # Split keys with a space and use lowercase. Also, do not use more than 3 keys in one hotkey action.",
  "type(content='xxx') # Use escape characters \\', \\\", and \\n in content part to ensure we can parse the content in normal python string format. If you want to submit your input, use \\n at the end of content. ",
  "scroll(point='<point>x1 y1</point>', direction='down or up or right or left') # Show more information on the `direction` side.",
  "wait() #Sleep for 5s and take a screenshot to check for any changes.",
  "finished(content='xxx') # Use escape characters \\', \\\", and \\n in content part to ensure we can parse the content in normal python string format.",
  "call_user() # Submit the task and call the user when the task is unsolvable, or when you need the user's help.",
];

const INTRO = "You are a GUI agent. You are given a task and your action history, with screenshots. You need to perform the next action to complete the task.";

/** The system message UI-TARS's own runtimes send (Qwen's default). */
const SYSTEM: ChatMessage = { role: "system", content: "You are a helpful assistant." };

/** The computer-use instruction: UI-TARS's COMPUTER_USE prompt with the task as its user instruction. */
export function uiTarsComputerUsePrompt(task: string): string {
  return [
    INTRO,
    "",
    "## Output Format",
    "```",
    "Thought: ...",
    "Action: ...",
    "```",
    "",
    "## Action Space",
    "",
    ...ACTION_SPACE,
    "",
    "",
    "## Note",
    "- Use English in `Thought` part.",
    "- Write a small plan and finally summarize your next action (with its target element) in one sentence in `Thought` part.",
    "",
    "## User Instruction",
    plainPromptText(task.trim()),
    "",
  ].join("\n");
}

/** UI-TARS's GROUNDING prompt: one `click(point=…)` for the described element (box mode gets the same: UI-TARS points). */
export function uiTarsGroundingMessages(query: string, _mode: GroundMode): ChatMessage[] {
  const text = [
    INTRO,
    "",
    "## Output Format",
    "",
    "Action: ...",
    "",
    "",
    "## Action Space",
    "click(point='<point>x1 y1</point>')",
    "",
    "## User Instruction",
    plainPromptText(query.trim()),
  ].join("\n");
  return [{ role: "user", content: text }];
}

/** The box markers UI-TARS writes around a place in its own answers: kept in the history it reads back. */
const BOX_TOKENS = ["<|box_start|>", "<|box_end|>"];

/** What the model is told of a failed step: UI-TARS's layout has no tool results, but a refused or broken action must not pass for done. */
function note(previous: HistoryEntry | undefined): string {
  return previous?.failed ? `The previous action was not done: ${plainPromptText(previous.observation)}` : "";
}

/**
 * One step without a kept context (remote endpoints), in the layout of UI-TARS's runtimes: the
 * instruction as the first user message, then each past step's answer as an assistant message
 * (the model's own words where they were kept), and the current screenshot as the last user
 * message. Past screenshots are not resent: turns beyond the runtimes' image window look the same.
 */
export function uiTarsStepMessages(input: StepPromptInput): ChatMessage[] {
  const messages: ChatMessage[] = [SYSTEM, { role: "user", content: uiTarsComputerUsePrompt(input.task) }];
  let previous: HistoryEntry | undefined;
  for (const h of input.history) {
    const before = note(previous);
    if (before) messages.push({ role: "user", content: before });
    const answer = input.answers?.get(h.step);
    messages.push({
      role: "assistant",
      content: answer !== undefined ? plainPromptText(answer, BOX_TOKENS) : formatUiTarsAction(h.action, input.frame, input.coordinates),
    });
    previous = h;
  }
  messages.push({ role: "user", content: note(previous) });
  return messages;
}

/**
 * The kept-context conversation in UI-TARS's layout: instruction, then per step a user message
 * holding only its screenshot (a note after it when the last step failed) and the model's answer.
 * A screenshot out of the window leaves its user message empty, so the text the engine holds is
 * unchanged. Steps before a restart come back as their actions, without screenshots.
 */
export function uiTarsConversation(view: ConversationView): ChatMessage[] {
  const messages: ChatMessage[] = [SYSTEM, { role: "user", content: uiTarsComputerUsePrompt(view.task) }];
  for (const h of view.base.history) messages.push({ role: "assistant", content: formatUiTarsAction(h.action, view.frame, view.coordinates) });
  const lastBase = view.base.history.at(-1);
  view.turns.forEach((turn, i) => {
    const previous = i === 0 ? lastBase : turn.previous;
    const text = note(previous);
    // The marker leads the message, so cutting the screenshot out leaves exactly the text tokens around it.
    const content = `${turn.showsScreenshot ? IMAGE_MARKER : ""}${text}`;
    messages.push({ role: "user", content });
    if (turn.answer !== undefined) messages.push({ role: "assistant", content: plainPromptText(turn.answer, BOX_TOKENS) });
  });
  return messages;
}
