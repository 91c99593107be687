import { ComputerActionSchema, type ComputerAction } from "../../actions/ComputerAction.js";
import { InvalidActionError } from "../../errors/InvalidActionError.js";
import { toolCallToAction } from "../qwen25vl/parseToolCall.js";

/**
 * How long a `wait` without a time waits: GUI-Owl-1.5's desktop runtime sleeps 2 s
 * (X-PLUG/MobileAgent Mobile-Agent-v3.5/computer_use/run_gui_owl_1_5_for_pc.py,
 * `action_parameter.get("time", 2)`); MAI-UI's `{"action": "wait"}` names none at all.
 */
export const QWEN3_VL_WAIT_SECONDS = 2;

/** What the model writes for a finished or abandoned task, beside `terminate`. */
const ASK_USER = new Set(["interact", "ask_user", "call_user"]);
const PHONE_ONLY = new Set(["long_press", "open", "open_app", "press_home", "press_back"]);

const SUPPORTED =
  "left_click, double_click, triple_click, right_click, middle_click, mouse_move, left_click_drag, key, type, scroll, hscroll, wait, terminate, answer";

/**
 * One call's arguments in the Qwen3-VL family's action sets → our ComputerAction, coordinates still
 * in the model's own space. Qwen3-VL's computer_use (cookbooks/utils/agent_function_call.py) adds
 * to Qwen2.5-VL's: `triple_click` (a real triple click, though Qwen's tool text calls it simulated
 * by a double click: selecting a line is what the model means), `hscroll` (a sideways scroll,
 * positive right) and `answer` (ends the run as a success with its text, like UI-TARS's
 * `finished`). GUI-Owl-1.5's `interact` and MAI-UI's `ask_user` end it as a failure that says the
 * model needs the user. The phone tools' actions that have a desktop meaning are mapped
 * (`click`, MAI-UI's `drag` and direction `swipe`, `system_button` Enter); the others are refused.
 */
export function qwen3VlToAction(args: Readonly<Record<string, unknown>>): ComputerAction {
  const name = String(args["action"] ?? "")
    .trim()
    .toLowerCase();
  const coordinate = centre(args["coordinate"]);
  const base = { ...args, ...(coordinate !== undefined ? { coordinate } : {}) };
  const text = typeof args["text"] === "string" ? args["text"].trim() : "";
  switch (name) {
    case "triple_click":
      return extend(toolCallToAction({ ...base, action: "left_click" }), { clicks: 3 });
    case "hscroll":
      return extend(toolCallToAction({ ...base, action: "scroll" }), { axis: "horizontal" });
    case "answer":
      return { action: "terminate", status: "success", ...(text ? { message: text.slice(0, 2000) } : {}) };
    case "terminate": {
      const status = String(args["status"] ?? "")
        .trim()
        .toLowerCase();
      // MAI-UI's prompt offers "success or fail".
      return toolCallToAction({ ...base, status: status === "fail" ? "failure" : status });
    }
    case "wait":
      return toolCallToAction({ ...base, time: args["time"] ?? QWEN3_VL_WAIT_SECONDS });
    case "drag":
      // MAI-UI names both ends; Qwen's left_click_drag (or a bare "drag" with one coordinate) drags from the pointer.
      if (args["start_coordinate"] !== undefined || args["end_coordinate"] !== undefined) {
        const start = centre(args["start_coordinate"]);
        const end = centre(args["end_coordinate"]);
        if (start === undefined || end === undefined)
          throw new InvalidActionError('drag needs both "start_coordinate": [x1, y1] and "end_coordinate": [x2, y2]');
        const action = toolCallToAction({ action: "left_click_drag", coordinate: end });
        const from = toolCallToAction({ action: "mouse_move", coordinate: start }) as Extract<ComputerAction, { action: "mouse_move" }>;
        return extend(action, { start_coordinate: from.coordinate });
      }
      return toolCallToAction(base);
    case "swipe":
      return swipe(args, coordinate);
    case "system_button": {
      const button = String(args["button"] ?? "")
        .trim()
        .toLowerCase();
      if (button === "enter") return { action: "key", keys: ["Return"] };
      throw new InvalidActionError(
        `system_button ${JSON.stringify(args["button"])} is a phone button; on a desktop use key (e.g. "Escape", "alt+Left") or one of ${SUPPORTED}`,
      );
    }
    default:
      if (ASK_USER.has(name)) {
        return { action: "terminate", status: "failure", message: `the model asked for the user's help (${name})${text ? `: ${text.slice(0, 1900)}` : ""}` };
      }
      if (PHONE_ONLY.has(name)) throw new InvalidActionError(`${name} is a phone action; on a desktop use one of ${SUPPORTED}`);
      return toolCallToAction(base);
  }
}

/** MAI-UI's `swipe` by direction, which its own history calls scrolling that way (tests/test_mai_navigation_agent.py); Qwen's phone swipe between two points is not a desktop action. */
function swipe(args: Readonly<Record<string, unknown>>, coordinate: unknown): ComputerAction {
  const direction = String(args["direction"] ?? "")
    .trim()
    .toLowerCase();
  const at = coordinate !== undefined ? { coordinate } : {};
  const pixels = 500;
  switch (direction) {
    case "up":
      return toolCallToAction({ action: "scroll", pixels, ...at });
    case "down":
      return toolCallToAction({ action: "scroll", pixels: -pixels, ...at });
    case "left":
      return extend(toolCallToAction({ action: "scroll", pixels: -pixels, ...at }), { axis: "horizontal" });
    case "right":
      return extend(toolCallToAction({ action: "scroll", pixels, ...at }), { axis: "horizontal" });
    default:
      throw new InvalidActionError(
        `swipe needs a direction (up, down, left or right), not ${JSON.stringify(args["direction"] ?? null)}; on a desktop scroll or left_click_drag instead`,
      );
  }
}

/** A box where a point belongs (MAI-UI's parser takes a 4-number coordinate as its centre); anything else as written. */
function centre(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === "number")) {
    const [a, b, c, d] = v as [number, number, number, number];
    return [(a + c) / 2, (b + d) / 2];
  }
  return v;
}

/** An action with fields the Qwen2.5-VL normaliser does not know, checked against the schema again. */
function extend(action: ComputerAction, extra: Record<string, unknown>): ComputerAction {
  const result = ComputerActionSchema.safeParse({ ...action, ...extra });
  if (!result.success) throw new InvalidActionError(result.error.issues.map((i) => `${i.path.join(".") || "action"}: ${i.message}`).join("; "));
  return result.data;
}
