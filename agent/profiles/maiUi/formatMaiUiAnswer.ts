import type { ComputerAction } from "../../actions/ComputerAction.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import { frameToAnswer, type CoordinateSpace } from "../coordinateSpace.js";
import { recordedAction } from "../qwen3vl/formatQwen3VlCall.js";

/**
 * A recorded action (our ComputerAction JSON in frame pixels) as MAI-UI's agent writes a past step
 * back (src/mai_naivigation_agent.py history_responses): a `<thinking>` block and a compact
 * mobile_use call in its action names and 0–999 space. Text that is not an action stays as it was.
 */
export function formatMaiUiAnswer(entry: string, frame: FrameSize, space: CoordinateSpace): string {
  const action = recordedAction(entry);
  if (!action) return entry;
  const args = maiUiArguments(action, (c) => frameToAnswer(c, frame, space));
  return `<thinking>\n${describe(action)}\n</thinking>\n<tool_call>\n${JSON.stringify({ name: "mobile_use", arguments: args })}\n</tool_call>`;
}

function maiUiArguments(action: ComputerAction, at: (c: readonly [number, number]) => [number, number]): Record<string, unknown> {
  const where = (c: readonly [number, number] | undefined) => (c ? { coordinate: at(c) } : {});
  switch (action.action) {
    case "left_click":
      return { action: action.clicks === 3 ? "triple_click" : "click", ...where(action.coordinate) };
    case "left_click_drag":
      return action.start_coordinate
        ? { action: "drag", start_coordinate: at(action.start_coordinate), end_coordinate: at(action.coordinate) }
        : { action: "drag", end_coordinate: at(action.coordinate) };
    case "scroll": {
      const direction = action.axis === "horizontal" ? (action.pixels >= 0 ? "right" : "left") : action.pixels >= 0 ? "up" : "down";
      return { action: "swipe", direction, ...where(action.coordinate) };
    }
    case "key":
      return action.keys.length === 1 && /^(return|enter)$/i.test(action.keys[0]!)
        ? { action: "system_button", button: "enter" }
        : { action: "key", keys: action.keys };
    case "wait":
      return { action: "wait" };
    case "terminate":
      return action.status === "success" && action.message
        ? { action: "answer", text: action.message }
        : { action: "terminate", status: action.status === "success" ? "success" : "fail" };
    case "type":
      return { action: "type", text: action.text };
    default:
      return { action: action.action, ...where(action.coordinate) };
  }
}

function describe(action: ComputerAction): string {
  return `Recorded step: ${action.action}.`;
}
