import type { TrayCommand } from "./trayMenuModel.js";
import type { WidgetCommand } from "../shared/widgetContract.js";

/** What the tray menu and the widget can ask of the app. */
export interface AppCommandTargets {
  stopAll(reason: string): void;
  pause(): void;
  resume(): void;
  showPanel(): void;
  explainPermissions(): void;
  quit(): void;
}

const stopReason = { tray: "stopped from the tray menu", widget: "stopped from the DeskPilot widget" } as const;

/** One command from the tray menu or the widget, carried out; a stop names where it came from. */
export function routeAppCommand(from: "tray" | "widget", command: TrayCommand | WidgetCommand, to: AppCommandTargets): void {
  switch (command) {
    case "stop":
      return to.stopAll(stopReason[from]);
    case "pause":
      return to.pause();
    case "resume":
      return to.resume();
    case "show":
    case "show-panel":
      return to.showPanel();
    case "permissions":
      return to.explainPermissions();
    case "quit":
      return to.quit();
  }
}
