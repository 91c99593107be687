import { BrowserWindow, ipcMain, screen, type IpcMainEvent } from "electron";
import { pathToFileURL } from "node:url";
import { isWidgetCommand, WIDGET_COMMAND_CHANNEL, WIDGET_VIEW_CHANNEL, type WidgetCommand, type WidgetView } from "../shared/widgetContract.js";
import type { WidgetWindowPort } from "./ActingWindows.js";
import { isTrustedSender } from "./isTrustedSender.js";
import { CaptureShield } from "./CaptureShield.js";
import { protectWidgetWindow, widgetBounds, widgetWindowOptions } from "./widgetWindowOptions.js";

export interface WidgetHandle extends WidgetWindowPort {
  /** Hides the widget for a capture; resolves to the function that brings it back (see CaptureShield). */
  lower(): Promise<() => void>;
  /** Closes the window and stops listening; idempotent. */
  dispose(): void;
}

/**
 * The always-on-top stop/pause widget: a second hardened window, created on first use and kept
 * (hidden) between runs so it shows at once. Commands from anything but its own page are ignored.
 */
export function setupWidget(paths: { readonly preload: string; readonly page: string }, onCommand: (command: WidgetCommand) => void): WidgetHandle {
  const pageUrl = pathToFileURL(paths.page).href;
  let window: BrowserWindow | undefined;
  let latest: WidgetView | undefined;
  let wanted = false;
  const shield = new CaptureShield(
    () => (window && !window.isDestroyed() ? window : undefined),
    () => wanted,
  );

  const send = (): void => {
    if (window && latest && !window.isDestroyed()) window.webContents.send(WIDGET_VIEW_CHANNEL, latest);
  };
  const open = (): BrowserWindow => {
    if (window && !window.isDestroyed()) return window;
    const created = new BrowserWindow(widgetWindowOptions(paths.preload, screen.getPrimaryDisplay().workArea));
    protectWidgetWindow(created);
    created.webContents.on("did-finish-load", send);
    created.on("closed", () => {
      if (window === created) window = undefined;
    });
    created.loadFile(paths.page).catch((error: unknown) => console.error(`deskpilot: could not load the widget from ${paths.page}:`, error));
    window = created;
    return created;
  };
  const onMessage = (event: IpcMainEvent, command: unknown): void => {
    if (!isTrustedSender(event, window, pageUrl)) {
      console.warn(`deskpilot: ignored a widget command from an untrusted sender (${event.senderFrame?.url ?? "no frame"})`);
      return;
    }
    if (isWidgetCommand(command)) onCommand(command);
  };
  ipcMain.on(WIDGET_COMMAND_CHANNEL, onMessage);

  return {
    show(view) {
      latest = view;
      wanted = true;
      const w = open();
      // The display may have changed since the last run.
      w.setBounds(widgetBounds(screen.getPrimaryDisplay().workArea));
      send();
      w.showInactive();
    },
    update(view) {
      latest = view;
      send();
    },
    hide() {
      wanted = false;
      if (window && !window.isDestroyed()) window.hide();
    },
    lower: () => shield.lower(),
    dispose() {
      ipcMain.removeListener(WIDGET_COMMAND_CHANNEL, onMessage);
      if (window && !window.isDestroyed()) window.destroy();
      window = undefined;
    },
  };
}
