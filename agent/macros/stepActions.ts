import { ComputerActionSchema, type ComputerAction } from "../actions/ComputerAction.js";
import type { Point } from "../geometry/Display.js";
import type { MacroStep } from "./MacroSchema.js";

/** The only actions a macro step can become: input and waits, never `terminate` or anything else. */
export const MACRO_ACTIONS = new Set([
  "left_click",
  "right_click",
  "middle_click",
  "double_click",
  "mouse_move",
  "left_click_drag",
  "type",
  "key",
  "scroll",
  "wait",
]);

/**
 * The computer_use actions (global logical px) that perform `step` at the found places:
 * `at` for the target, `to` for a drag's end. Text must already have its variables substituted.
 */
export function stepActions(step: MacroStep, at?: Point, to?: Point): ComputerAction[] {
  const c = (p: Point | undefined): [number, number] => {
    if (!p) throw new Error(`a ${step.kind} step needs a located target`);
    return [Math.round(p.x), Math.round(p.y)];
  };
  let actions: ComputerAction[];
  switch (step.kind) {
    case "click": {
      const name = step.count === 2 ? "double_click" : step.button === "left" ? "left_click" : step.button === "right" ? "right_click" : "middle_click";
      actions = [{ action: name, coordinate: c(at), ...(step.count === 3 ? { clicks: 3 } : {}) }];
      break;
    }
    case "drag":
      actions = [
        { action: "mouse_move", coordinate: c(at) },
        { action: "left_click_drag", coordinate: c(to) },
      ];
      break;
    case "type":
      actions = [{ action: "type", text: step.text }];
      break;
    case "key":
      actions = [{ action: "key", keys: [...step.keys] }];
      break;
    case "scroll":
      actions = [{ action: "scroll", coordinate: c(at), pixels: step.pixels, ...(step.axis ? { axis: step.axis } : {}) }];
      break;
    case "wait":
      actions = [{ action: "wait", time: step.ms / 1000 }];
      break;
  }
  // Belt and braces: whatever a step becomes is a schema-valid input action.
  return actions.map((a) => {
    const parsed = ComputerActionSchema.parse(a);
    if (!MACRO_ACTIONS.has(parsed.action)) throw new Error(`a macro cannot produce "${parsed.action}"`);
    return parsed;
  });
}
