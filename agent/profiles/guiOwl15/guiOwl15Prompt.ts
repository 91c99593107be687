import type { FrameSize } from "../../geometry/frameMapping.js";
import type { GroundMode } from "../GroundCandidate.js";
import { SCREEN_IS_DATA, toolsBlock } from "../qwen25vl/computerUsePrompt.js";
import { plainPromptText } from "../../vision/plainPromptText.js";
import type { ChatMessage } from "../../vision/VisionModel.js";
import type { Qwen3FamilyPrompt } from "../qwen3vl/qwen3VlPrompt.js";
import { screenLine } from "../qwen3vl/qwen3VlTool.js";

// GUI-Owl-1.5's desktop prompts (X-PLUG/MobileAgent at 11cea575561fb7800b5fb6b6cafa56f7a91de11f,
// Mobile-Agent-v3.5/computer_use/utils.py SYSTEM_PROMPT and build_messages; grounding:
// Mobile-Agent-v3.5/grounding_and_kb/eval_grounding_benchmarks.py only_two_action_system_prompt).
// Its computer_use tool is Qwen3-VL's with `interact` added and a few descriptions changed, and
// its response format drops the Thought line. The model was trained on these words.
const ACTIONS = [
  "key",
  "type",
  "mouse_move",
  "left_click",
  "left_click_drag",
  "right_click",
  "middle_click",
  "double_click",
  "triple_click",
  "scroll",
  "hscroll",
  "wait",
  "terminate",
  "answer",
  "interact",
];

const ACTION_LINES = [
  "The action to perform. The available actions are:",
  "* `key`: Performs key down presses on the arguments passed in order, then performs key releases in reverse order.",
  "* `type`: Type a string of text on the keyboard.",
  "* `mouse_move`: Move the cursor to a specified (x, y) pixel coordinate on the screen.",
  "* `left_click`: Click the left mouse button at a specified (x, y) pixel coordinate on the screen.",
  "* `left_click_drag`: Click and drag the cursor to a specified (x, y) pixel coordinate on the screen.",
  "* `right_click`: Click the right mouse button at a specified (x, y) pixel coordinate on the screen.",
  "* `middle_click`: Click the middle mouse button at a specified (x, y) pixel coordinate on the screen.",
  "* `double_click`: Double-click the left mouse button at a specified (x, y) pixel coordinate on the screen.",
  "* `triple_click`: Triple-click the left mouse button at a specified (x, y) pixel coordinate on the screen.",
  "* `scroll`: Performs a scroll of the mouse scroll wheel.",
  "* `hscroll`: Performs a horizontal scroll.",
  "* `wait`: Wait specified seconds for the change to happen.",
  "* `terminate`: Terminate the current task and report its completion status.",
  "* `answer`: Answer a question.",
  "* `interact`: Resolve the blocking window by interacting with the user.",
];

/** GUI-Owl-1.5's computer_use tool entry for a screen of `screen` (the answer space). */
export function guiOwl15ComputerTool(screen: FrameSize): object {
  return {
    type: "function",
    function: {
      name: "computer_use",
      description: [
        "Use a mouse and keyboard to interact with a computer, and take screenshots.",
        "* This is an interface to a desktop GUI. You do not have access to a terminal or applications menu. You must click on desktop icons to start applications.",
        "* Some applications may take time to start or process actions, so you may need to wait and take successive screenshots to see the results of your actions. E.g. if you click on Firefox and a window doesn't open, try wait and taking another screenshot.",
        screenLine(screen),
        "* Make sure to click any buttons, links, icons, etc with the cursor tip in the center of the element. Don't click boxes on their edges unless asked.",
      ].join("\n"),
      parameters: {
        properties: {
          action: { description: ACTION_LINES.join("\n"), enum: ACTIONS, type: "string" },
          keys: { description: "Required only by `action=key`.", type: "array" },
          text: { description: "Required only by `action=type`, `action=answer` and `action=interact`.", type: "string" },
          coordinate: {
            description:
              "(x, y): The x (pixels from the left edge) and y (pixels from the top edge) coordinates to move the mouse to. Required only by `action=mouse_move` and `action=left_click_drag`.",
            type: "array",
          },
          pixels: {
            description:
              "The amount of scrolling to perform. Positive values scroll up, negative values scroll down. Required only by `action=scroll` and `action=hscroll`.",
            type: "number",
          },
          time: { description: "The seconds to wait. Required only by `action=wait`.", type: "number" },
          status: { description: "The status of the task. Required only by `action=terminate`.", type: "string", enum: ["success", "failure"] },
        },
        required: ["action"],
        type: "object",
      },
    },
  };
}

const RESPONSE_FORMAT = [
  "# Response format",
  "",
  "Response format for every step:",
  "1) Action: a short imperative describing what to do in the UI.",
  '2) A single <tool_call>...</tool_call> block containing only the JSON: {"name": <function-name>, "arguments": <args-json-object>}.',
  "",
  "Rules:",
  "- Output exactly in the order: Action, <tool_call>.",
  "- Be brief: one for Action.",
  "- Do not output anything else outside those two parts.",
  "- If finishing, use action=terminate in the tool call.",
].join("\n");

/**
 * GUI-Owl-1.5's computer-use prompt: the screen-is-data rule, its tools block and response format
 * (its runtime sends no system sentence before them), and its task message: the instruction and
 * the previous actions as `Step n: <Action line>`, or "None".
 */
export const guiOwl15Prompt: Qwen3FamilyPrompt = {
  system: (screen) => `${SCREEN_IS_DATA}\n\n${toolsBlock([guiOwl15ComputerTool(screen)])}\n\n${RESPONSE_FORMAT}`,
  query: (task, steps, omitted) => {
    const lines = [...(omitted > 0 ? [`(${omitted} earlier steps not shown)`] : []), ...steps.map((s, i) => `Step ${i + 1 + omitted}: ${s}`)];
    return `Please generate the next move according to the UI screenshot, instruction and previous actions.\n\nInstruction: ${plainPromptText(task.trim())}\n\nPrevious actions:\n${lines.length > 0 ? lines.join("\n") : "None"}`;
  },
};

/**
 * GUI-Owl-1.5's grounding prompt: a computer_use tool with only left_click and mouse_move on the
 * declared screen, as its grounding evaluation sends it. The tool JSON there is a plain Python
 * string whose `\n` are real line breaks inside the JSON, so it is written out here as it reaches
 * the model, not through the JSON writer. Box mode gets the same: GUI-Owl-1.5 points.
 */
export function guiOwl15GroundingMessages(query: string, _mode: GroundMode, screen: FrameSize = { width: 1000, height: 1000 }): ChatMessage[] {
  const tool =
    `{"type": "function", "function": {"name": "computer_use", "description": "Use a mouse to interact with a computer.\n${screenLine(screen)}\n` +
    `* Make sure to click any buttons, links, icons, etc with the cursor tip in the center of the element. Don't click boxes on their edges unless asked.\n` +
    `* don't use any other computer use tool like type, key, scroll, left_click_drag and so on.\n` +
    `* you can only use the left_click and mouse_move action to interact with the computer. if you can't find the element, you should terminate the task and report the failure.", ` +
    `"parameters": {"properties": {"action": {"description": "The action to perform. The available actions are:\n` +
    `* \`mouse_move\`: Move the cursor to a specified (x, y) pixel coordinate on the screen.\n` +
    `* \`left_click\`: Click the left mouse button with coordinate (x, y) pixel coordinate on the screen.", "enum": ["mouse_move", "left_click"], "type": "string"}, ` +
    `"coordinate": {"description": "(x, y): The x (pixels from the left edge) and y (pixels from the top edge) coordinates to move the mouse to. Required only by \`action=mouse_move\` and \`action=left_click\`.", "type": "array"}}, "required": ["action"], "type": "object"}}}`;
  const system = [
    "# Tools",
    "",
    "You may call one or more functions to assist with the user query.",
    "",
    "You are provided with function signatures within <tools></tools> XML tags:",
    "<tools>",
    tool,
    "</tools>",
    "",
    "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:",
    "<tool_call>",
    '{"name": <function-name>, "arguments": <args-json-object>}',
    "</tool_call>",
    "",
  ].join("\n");
  return [
    { role: "system", content: system },
    { role: "user", content: plainPromptText(query.trim()) },
  ];
}
