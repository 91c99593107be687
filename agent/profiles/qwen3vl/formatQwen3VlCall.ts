import { ComputerActionSchema, type ComputerAction } from "../../actions/ComputerAction.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import { qwenAgentJson } from "../qwen25vl/qwenAgentJson.js";
import { frameToAnswer, type CoordinateSpace } from "../coordinateSpace.js";

/** A recorded action (our ComputerAction JSON in frame pixels), or undefined for text that is not one. */
export function recordedAction(entry: string): ComputerAction | undefined {
  try {
    return ComputerActionSchema.parse(JSON.parse(entry));
  } catch {
    return undefined;
  }
}

/**
 * A recorded action as the Qwen3-VL family's computer_use arguments, in the model's own space and
 * action names (a triple click as `triple_click`, a sideways scroll as `hscroll`, a finished run
 * with a message as `answer`): for history the model did not write itself.
 */
export function qwen3VlArguments(action: ComputerAction, frame: FrameSize, space: CoordinateSpace): Record<string, unknown> {
  const at = (c: readonly [number, number] | undefined) => (c ? { coordinate: frameToAnswer(c, frame, space) } : {});
  switch (action.action) {
    case "left_click":
      return { action: action.clicks === 3 ? "triple_click" : "left_click", ...at(action.coordinate) };
    case "scroll":
      return { action: action.axis === "horizontal" ? "hscroll" : "scroll", pixels: action.pixels, ...at(action.coordinate) };
    case "left_click_drag":
      return { action: "left_click_drag", ...at(action.coordinate) };
    case "terminate":
      return action.status === "success" && action.message ? { action: "answer", text: action.message } : { action: "terminate", status: action.status };
    case "mouse_move":
    case "right_click":
    case "middle_click":
    case "double_click":
      return { action: action.action, ...at(action.coordinate) };
    default:
      return { ...action };
  }
}

/** A recorded action as the tool call the model would have written (`<tool_call>` lines), or the text as it was. */
export function qwen3VlCallText(entry: string, frame: FrameSize, space: CoordinateSpace, tool = "computer_use"): string | undefined {
  const action = recordedAction(entry);
  if (!action) return undefined;
  return `<tool_call>\n${qwenAgentJson({ name: tool, arguments: qwen3VlArguments(action, frame, space) })}\n</tool_call>`;
}
