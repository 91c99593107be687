import type { BrowserWindowConstructorOptions, Rectangle } from "electron";
import { secureWebPreferences } from "./secureWebPreferences.js";

export const WIDGET_SIZE = { width: 340, height: 88 } as const;
const MARGIN = 16;

/**
 * The stop/pause widget's window: small, frameless, on top, never in the taskbar, and never
 * taking focus from the app the agent types into (clicks still reach its buttons). Its page is
 * as locked down as the panel's: the same web preferences, behind its own two-method preload.
 */
export function widgetWindowOptions(preloadPath: string, workArea: Rectangle): BrowserWindowConstructorOptions {
  return {
    ...widgetBounds(workArea),
    title: "DeskPilot controls",
    show: false,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    focusable: false,
    alwaysOnTop: true,
    backgroundColor: "#1b2430",
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Top right of the work area (clear of the taskbar), where it covers the least of a typical app. */
export function widgetBounds(workArea: Rectangle): Rectangle {
  return {
    x: workArea.x + Math.max(0, workArea.width - WIDGET_SIZE.width - MARGIN),
    y: workArea.y + MARGIN,
    width: WIDGET_SIZE.width,
    height: WIDGET_SIZE.height,
  };
}

/** The calls that make a created widget window stay on top and out of screen captures. */
export interface WidgetWindowSetup {
  setContentProtection(enable: boolean): void;
  setAlwaysOnTop(flag: boolean, level: "screen-saver"): void;
  setVisibleOnAllWorkspaces(visible: boolean, options: { visibleOnFullScreen: boolean }): void;
}

/**
 * Content protection keeps the widget out of every capture (the model must never see DeskPilot)
 * on Windows and macOS; the "screen-saver" level keeps it above other always-on-top and
 * full-screen windows; on every workspace, it follows the user.
 */
export function protectWidgetWindow(window: WidgetWindowSetup): void {
  window.setContentProtection(true);
  window.setAlwaysOnTop(true, "screen-saver");
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
}
