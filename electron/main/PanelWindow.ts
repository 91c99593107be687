import { app, type BrowserWindow } from "electron";
import { setupWindow } from "./setupWindow.js";
import { panelWindowPort } from "./panelWindowPort.js";

/**
 * The control panel's one window: opened at start, reopened by "show" after the user closed it,
 * and closing it quits the app (except on macOS, where the dock keeps the app).
 */
export class PanelWindow {
  private window: BrowserWindow | undefined;

  constructor(
    private readonly paths: { readonly preload: string; readonly page: string },
    private readonly hooks: { readonly loaded: () => void; readonly focused: () => void },
  ) {}

  /** The open window, if any. */
  get current(): BrowserWindow | undefined {
    return this.window;
  }

  /** Opens the window if none is open, else brings it to the front. */
  show(): void {
    if (!this.window) this.window = this.open();
    else panelWindowPort(this.window).show();
  }

  private open(): BrowserWindow {
    const opened = setupWindow(this.paths);
    opened.on("closed", () => {
      this.window = undefined;
      // The hidden widget window would keep the app alive; closing the panel quits as before.
      if (process.platform !== "darwin") app.quit();
    });
    opened.webContents.on("did-finish-load", this.hooks.loaded);
    opened.on("focus", this.hooks.focused);
    return opened;
  }
}
