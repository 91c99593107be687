import { test } from "node:test";
import assert from "node:assert/strict";
import { routeAppCommand, type AppCommandTargets } from "../../electron/main/routeAppCommand.js";
import { WIDGET_COMMANDS } from "../../electron/shared/widgetContract.js";
import type { TrayCommand } from "../../electron/main/trayMenuModel.js";

function recorder(): { calls: string[]; targets: AppCommandTargets } {
  const calls: string[] = [];
  return {
    calls,
    targets: {
      stopAll: (reason) => calls.push(`stopAll: ${reason}`),
      pause: () => calls.push("pause"),
      resume: () => calls.push("resume"),
      showPanel: () => calls.push("showPanel"),
      explainPermissions: () => calls.push("explainPermissions"),
      quit: () => calls.push("quit"),
    },
  };
}

test("every tray command reaches its one target; a stop says it came from the tray menu", () => {
  const tray: TrayCommand[] = ["show", "pause", "resume", "stop", "permissions", "quit"];
  const { calls, targets } = recorder();
  for (const command of tray) routeAppCommand("tray", command, targets);
  assert.deepEqual(calls, ["showPanel", "pause", "resume", "stopAll: stopped from the tray menu", "explainPermissions", "quit"]);
});

test("every widget command reaches its one target; a stop says it came from the widget, and nothing quits", () => {
  const { calls, targets } = recorder();
  for (const command of WIDGET_COMMANDS) routeAppCommand("widget", command, targets);
  assert.deepEqual(calls, ["stopAll: stopped from the DeskPilot widget", "pause", "resume", "showPanel"]);
});
