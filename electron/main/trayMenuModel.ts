import type { ActivitySnapshot } from "./RunActivity.js";
import type { HotkeyStatus } from "./widgetView.js";

export type TrayCommand = "show" | "pause" | "resume" | "stop" | "permissions" | "quit";

/** One tray menu entry, Electron-free so the menu's logic is tested without Electron. */
export type TrayItem =
  | { readonly kind: "status"; readonly label: string }
  | { readonly kind: "separator" }
  | { readonly kind: "command"; readonly command: TrayCommand; readonly label: string; readonly enabled: boolean; readonly accelerator?: string };

/** The tray's tooltip: the app and what it is doing. */
export function trayTooltip(activity: ActivitySnapshot): string {
  return `DeskPilot — ${statusText(activity)}`;
}

/**
 * The tray menu for the current activity: a status line, the panel, pause or resume, stop, the
 * permission guidance when some is missing, and quit. Hotkeys show beside the entries they match.
 */
export function trayMenuModel(activity: ActivitySnapshot, hotkeys: HotkeyStatus, permissionsMissing: number): TrayItem[] {
  const paused = activity.phase === "paused";
  const canPause = [...activity.runs.values()].includes("running");
  const items: TrayItem[] = [
    { kind: "status", label: statusText(activity) },
    { kind: "command", command: "show", label: "Show DeskPilot", enabled: true },
    { kind: "separator" },
    paused
      ? { kind: "command", command: "resume", label: "Resume", enabled: true, ...(hotkeys.pause ? { accelerator: hotkeys.pause } : {}) }
      : { kind: "command", command: "pause", label: "Pause", enabled: canPause, ...(hotkeys.pause ? { accelerator: hotkeys.pause } : {}) },
    {
      kind: "command",
      command: "stop",
      label: activity.macro && activity.runs.size === 0 ? "Stop macro" : "Stop run",
      enabled: activity.phase === "acting" || paused,
      ...(hotkeys.stop ? { accelerator: hotkeys.stop } : {}),
    },
  ];
  if (permissionsMissing > 0) {
    items.push({ kind: "separator" }, { kind: "command", command: "permissions", label: `Permissions needed (${permissionsMissing})…`, enabled: true });
  }
  items.push({ kind: "separator" }, { kind: "command", command: "quit", label: "Quit DeskPilot", enabled: true });
  return items;
}

function statusText(activity: ActivitySnapshot): string {
  const n = activity.runs.size;
  const runs = n === 1 ? "a run" : `${n} runs`;
  switch (activity.phase) {
    case "idle":
      return "idle";
    case "paused":
      return `${runs} paused`;
    case "stopping":
      return "stopping…";
    case "acting":
      return activity.macro ? (n > 0 ? `${runs} and a macro acting` : "a macro acting") : `${runs} acting`;
  }
}
