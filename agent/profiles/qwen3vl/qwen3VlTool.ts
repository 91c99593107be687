import type { FrameSize } from "../../geometry/frameMapping.js";

// Qwen3-VL's computer_use tool (QwenLM/Qwen3-VL cookbooks/utils/agent_function_call.py at
// 96588727e44c78b25ba03ea03b8e12f7e64fd0da, class ComputerUse), as the computer_use cookbook's
// executed cell printed it: Qwen-Agent's newer function entry ({"type", "function": {name,
// description, parameters}}, no name_for_human or args_format) with the screen declared as the
// space the model answers in. The model was trained on these words; they are kept as they are.
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
  "* `triple_click`: Triple-click the left mouse button at a specified (x, y) pixel coordinate on the screen (simulated as double-click since it's the closest action).",
  "* `scroll`: Performs a scroll of the mouse scroll wheel.",
  "* `hscroll`: Performs a horizontal scroll (mapped to regular scroll).",
  "* `wait`: Wait specified seconds for the change to happen.",
  "* `terminate`: Terminate the current task and report its completion status.",
  "* `answer`: Answer a question.",
];

/** The screen as the tool declares it: the size the model's numbers count in (1000x1000, 999x999, or the frame). */
export function screenLine(screen: FrameSize): string {
  return `* The screen's resolution is ${screen.width}x${screen.height}.`;
}

/** The tool entry of the `<tools>` block for a screen of `screen` (the answer space, not the frame: see answerFrame). */
export function qwen3VlComputerTool(screen: FrameSize): object {
  return {
    type: "function",
    function: {
      name: "computer_use",
      description: [
        "Use a mouse and keyboard to interact with a computer, and take screenshots.",
        "* This is an interface to a desktop GUI. You do not have access to a terminal or applications menu. You must click on desktop icons to start applications.",
        "* Some applications may take time to start or process actions, so you may need to wait and take successive screenshots to see the results of your actions. E.g. if you click on Firefox and a window doesn't open, try wait and taking another screenshot.",
        screenLine(screen),
        "* Whenever you intend to move the cursor to click on an element like an icon, you should consult a screenshot to determine the coordinates of the element before moving the cursor.",
        "* If you tried clicking on a program or link but it failed to load, even after waiting, try adjusting your cursor position so that the tip of the cursor visually falls on the element that you want to click.",
        "* Make sure to click any buttons, links, icons, etc with the cursor tip in the center of the element. Don't click boxes on their edges.",
      ].join("\n"),
      parameters: {
        properties: {
          action: { description: ACTION_LINES.join("\n"), enum: ACTIONS, type: "string" },
          keys: { description: "Required only by `action=key`.", type: "array" },
          text: { description: "Required only by `action=type` and `action=answer`.", type: "string" },
          coordinate: {
            description: "(x, y): The x (pixels from the left edge) and y (pixels from the top edge) coordinates to move the mouse to.",
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

/**
 * The step format Qwen's mobile-agent cookbook appends to the tools block (QwenLM/Qwen3-VL
 * cookbooks/mobile_agent.ipynb, cell 75f43cc7, at 96588727): a one-sentence `Thought:`, a short
 * `Action:`, then exactly one `<tool_call>`. Kept word for word.
 */
export const QWEN3_VL_RESPONSE_FORMAT = [
  "# Response format",
  "",
  "Response format for every step:",
  "1) Thought: one concise sentence explaining the next move (no multi-step reasoning).",
  "2) Action: a short imperative describing what to do in the UI.",
  '3) A single <tool_call>...</tool_call> block containing only the JSON: {"name": <function-name>, "arguments": <args-json-object>}.',
  "",
  "Rules:",
  "- Output exactly in the order: Thought, Action, <tool_call>.",
  "- Be brief: one sentence for Thought, one for Action.",
  "- Do not output anything else outside those three parts.",
  "- If finishing, use action=terminate in the tool call.",
].join("\n");
