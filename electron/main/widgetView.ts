import type { WidgetView } from "../shared/widgetContract.js";
import type { ActivitySnapshot } from "./RunActivity.js";

/** The emergency hotkeys as registered: their labels where they work, and what went wrong. */
export interface HotkeyStatus {
  readonly stop?: string;
  readonly pause?: string;
  readonly problems: readonly string[];
}

export const NO_HOTKEYS: HotkeyStatus = { problems: [] };

/** What the stop/pause widget shows for an activity and the hotkeys' state. */
export function widgetView(activity: ActivitySnapshot, hotkeys: HotkeyStatus): WidgetView {
  const states = [...activity.runs.values()];
  const what = activity.macro ? (states.length > 0 ? "Run and macro" : "Macro") : "Run";
  const label =
    activity.phase === "paused"
      ? `${what} paused`
      : activity.phase === "stopping"
        ? `${what} stopping…`
        : activity.phase === "idle"
          ? "Idle"
          : `${what} acting`;
  return {
    phase: activity.phase,
    label,
    canPause: states.includes("running"),
    canResume: activity.phase === "paused",
    canStop: activity.phase === "acting" || activity.phase === "paused",
    ...(hotkeys.stop ? { stopHotkey: hotkeys.stop } : {}),
    ...(hotkeys.pause ? { pauseHotkey: hotkeys.pause } : {}),
    ...(hotkeys.problems.length > 0 ? { problem: hotkeys.problems.join(" ") } : {}),
  };
}
