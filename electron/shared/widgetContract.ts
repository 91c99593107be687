/**
 * The stop/pause widget's own small IPC: main pushes what to show, the widget sends one of a
 * few commands. It is separate from the panel's contract, so the widget window can do nothing
 * but stop, pause, resume and bring the panel back.
 */

/** What the widget shows; main computes it (electron/main/widgetView.ts). */
export interface WidgetView {
  readonly phase: "idle" | "acting" | "paused" | "stopping";
  /** "Run acting", "Macro acting", "Run paused", … */
  readonly label: string;
  readonly canPause: boolean;
  readonly canResume: boolean;
  readonly canStop: boolean;
  /** The emergency-stop hotkey, when registered ("Ctrl+Alt+Escape"). */
  readonly stopHotkey?: string;
  readonly pauseHotkey?: string;
  /** Why a hotkey does not work (taken by another app, not a valid key), to show the user. */
  readonly problem?: string;
}

export const WIDGET_COMMANDS = ["stop", "pause", "resume", "show-panel"] as const;
export type WidgetCommand = (typeof WIDGET_COMMANDS)[number];

/** Widget → main (ipcRenderer.send): one WidgetCommand. */
export const WIDGET_COMMAND_CHANNEL = "deskpilot-widget:command";
/** Main → widget: a WidgetView. */
export const WIDGET_VIEW_CHANNEL = "deskpilot-widget:view";

/** What the widget's preload exposes on `window.deskpilotWidget`. */
export interface WidgetApi {
  readonly command: (command: WidgetCommand) => void;
  /** Subscribes to views; returns the function that unsubscribes. */
  readonly onView: (listener: (view: WidgetView) => void) => () => void;
}

export const WIDGET_GLOBAL = "deskpilotWidget";

/** Whether a message from the widget is one of its commands (IPC payloads are validated, never trusted). */
export function isWidgetCommand(value: unknown): value is WidgetCommand {
  return typeof value === "string" && (WIDGET_COMMANDS as readonly string[]).includes(value);
}
