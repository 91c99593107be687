import type { ComputerAction } from "../../../../agent/actions/ComputerAction.js";

/** A short human line for an action ("left_click at 641, 401", "key ctrl+w", "type “hello”"). */
export function describeAction(action: ComputerAction | undefined): string {
  if (!action) return "no usable action";
  switch (action.action) {
    case "key":
      return `key ${action.keys.join("+")}`;
    case "type":
      return `type “${action.text.length > 60 ? `${action.text.slice(0, 59)}…` : action.text}”`;
    case "scroll":
      return `scroll ${Math.abs(action.pixels)} px ${action.pixels >= 0 ? "up" : "down"}${at(action.coordinate)}`;
    case "wait":
      return `wait ${action.time} s`;
    case "terminate":
      return `terminate (${action.status})`;
    default:
      return `${action.action}${at(action.coordinate)}`;
  }
}

function at(coordinate: readonly [number, number] | undefined): string {
  return coordinate ? ` at ${Math.round(coordinate[0])}, ${Math.round(coordinate[1])}` : "";
}
