import type { ComputerAction } from "../../actions/ComputerAction.js";
import { InvalidActionError } from "../../errors/InvalidActionError.js";
import type { UiTarsCall } from "./readUiTarsCall.js";
import { uiTarsPoint } from "./uiTarsPoint.js";

/** How far one UI-TARS scroll goes: its reference runtime scrolls 5 wheel notches (pyautogui.scroll(5)); ours are 100 px a notch. */
export const UI_TARS_SCROLL_PIXELS = 500;
/** UI-TARS's `wait()` is documented as "sleep for 5 s and take a screenshot". */
export const UI_TARS_WAIT_SECONDS = 5;

const SUPPORTED = "click, left_double, right_single, hover, drag, hotkey, press, type, scroll, wait, finished, call_user";

/**
 * A UI-TARS call → our ComputerAction, coordinates still in the model's own space. `finished`
 * ends the run as a success, keeping its content; `call_user` (the model cannot go on without
 * the user) ends it as a failure whose reason says so, since no one may be watching an agent run.
 * A text typed with a trailing "\n" is typed and submitted (our `type` presses Enter for "\n").
 */
export function uiTarsToAction(call: UiTarsCall): ComputerAction {
  const { name, args } = call;
  const point = (...keys: string[]): [number, number] => {
    const key = keys.find((k) => args[k] !== undefined && args[k] !== "");
    if (!key) throw new InvalidActionError(`${name}() needs ${keys[0]}='(x,y)'`);
    const p = uiTarsPoint(args[key]!, key).point;
    return [p.x, p.y];
  };
  const at = () => point("start_box", "point", "start_point");
  const optionalAt = () => (["start_box", "point", "start_point"].some((k) => args[k]) ? { coordinate: at() } : {});
  switch (name) {
    case "click":
    case "left_single":
      return { action: "left_click", coordinate: at() };
    case "left_double":
    case "double_click":
      return { action: "double_click", coordinate: at() };
    case "right_single":
    case "right_click":
      return { action: "right_click", coordinate: at() };
    case "hover":
    case "move":
      return { action: "mouse_move", coordinate: at() };
    case "drag":
    case "select":
      return { action: "left_click_drag", start_coordinate: at(), coordinate: point("end_box", "end_point") };
    case "hotkey":
    case "press":
    case "keypress": {
      const combo = (args["key"] ?? args["hotkey"] ?? args["press"] ?? "").trim();
      if (!combo) throw new InvalidActionError(`${name}() names no key; write ${name}(key='ctrl c')`);
      return { action: "key", keys: combo.split(/\s+/) };
    }
    case "type": {
      const text = args["content"] ?? args["text"];
      if (text === undefined || text === "") throw new InvalidActionError("type() has no content; write type(content='text')");
      return { action: "type", text };
    }
    case "scroll": {
      const direction = (args["direction"] ?? "").trim().toLowerCase();
      if (direction === "left" || direction === "right") {
        return { action: "scroll", axis: "horizontal", pixels: direction === "right" ? UI_TARS_SCROLL_PIXELS : -UI_TARS_SCROLL_PIXELS, ...optionalAt() };
      }
      if (direction !== "up" && direction !== "down") {
        throw new InvalidActionError(`scroll(direction=${JSON.stringify(direction)}) cannot be done: the directions are up, down, left and right`);
      }
      return { action: "scroll", pixels: direction === "up" ? UI_TARS_SCROLL_PIXELS : -UI_TARS_SCROLL_PIXELS, ...optionalAt() };
    }
    case "wait":
      return { action: "wait", time: UI_TARS_WAIT_SECONDS };
    case "finished": {
      const content = (args["content"] ?? "").trim();
      return { action: "terminate", status: "success", ...(content ? { message: content.slice(0, 2000) } : {}) };
    }
    case "call_user":
      return {
        action: "terminate",
        status: "failure",
        message: "the model asked for the user's help (call_user): the task looks unsolvable or needs the user",
      };
    case "long_press":
    case "open_app":
    case "press_home":
    case "press_back":
      throw new InvalidActionError(`${name}() is a phone action; on a desktop use one of ${SUPPORTED}`);
    default:
      throw new InvalidActionError(`unknown action ${name}(); use one of ${SUPPORTED}`);
  }
}
