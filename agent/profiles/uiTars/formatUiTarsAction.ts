import { ComputerActionSchema, type ComputerAction } from "../../actions/ComputerAction.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import { frameToAnswer, type CoordinateSpace } from "../coordinateSpace.js";

/**
 * A past action (our ComputerAction JSON in frame pixels, as the step history keeps it) written
 * back as UI-TARS writes it, `Action: click(point='<point>x y</point>')`, in the model's own
 * coordinate space, for history the model did not answer itself (a conversation restarted from its
 * summary). Text that is not an action (an unusable answer) stays as it was.
 */
export function formatUiTarsAction(entry: string, frame: FrameSize, space: CoordinateSpace): string {
  let action: ComputerAction;
  try {
    action = ComputerActionSchema.parse(JSON.parse(entry));
  } catch {
    return entry;
  }
  const pt = (c: readonly [number, number]) => {
    const [x, y] = frameToAnswer(c, frame, space);
    return `'<point>${x} ${y}</point>'`;
  };
  const quote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
  const call = ((): string => {
    switch (action.action) {
      case "left_click":
        return action.coordinate ? `click(point=${pt(action.coordinate)})` : "click()";
      case "double_click":
        return action.coordinate ? `left_double(point=${pt(action.coordinate)})` : "left_double()";
      case "right_click":
        return action.coordinate ? `right_single(point=${pt(action.coordinate)})` : "right_single()";
      case "middle_click":
        return action.coordinate ? `click(point=${pt(action.coordinate)})` : "click()";
      case "mouse_move":
        return `hover(point=${pt(action.coordinate)})`;
      case "left_click_drag":
        return action.start_coordinate
          ? `drag(start_point=${pt(action.start_coordinate)}, end_point=${pt(action.coordinate)})`
          : `drag(end_point=${pt(action.coordinate)})`;
      case "key":
        return `hotkey(key=${quote(action.keys.join(" ").toLowerCase())})`;
      case "type":
        return `type(content=${quote(action.text)})`;
      case "scroll": {
        const direction = action.pixels >= 0 ? "up" : "down";
        return `scroll(${action.coordinate ? `point=${pt(action.coordinate)}, ` : ""}direction='${direction}')`;
      }
      case "wait":
        return "wait()";
      case "terminate":
        return action.status === "success" ? `finished(content=${quote(action.message ?? "")})` : "call_user()";
    }
  })();
  return `Action: ${call}`;
}
