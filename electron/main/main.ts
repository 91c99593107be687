// Composition root of the Electron app: creates the one service, the window, and binds
// them; each feature registers itself through a setupX() called once here.
import { app, BrowserWindow, dialog, ipcMain } from "electron";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createAppService } from "../../agent/service/createAppService.js";
import { setupSecurity } from "./setupSecurity.js";
import { setupWindow } from "./setupWindow.js";
import { setupIpc } from "./setupIpc.js";
import { forwardEvents } from "./forwardEvents.js";
import { isTrustedSender } from "./isTrustedSender.js";
import { installLocalOnlyGuard } from "../../agent/net/installLocalOnlyGuard.js";

const here = dirname(fileURLToPath(import.meta.url));
const paths = {
  preload: join(here, "../preload/preload.js"),
  page: join(here, "../../renderer/index.html"),
};
const pageUrl = pathToFileURL(paths.page).href;

if (!app.requestSingleInstanceLock()) {
  // A second launch would fight the first over the same mouse and keyboard.
  app.quit();
} else {
  // Before anything can connect: in local-only mode main's Node side opens no outbound
  // connection (the renderer's own requests are confined by setupSecurity).
  installLocalOnlyGuard();
  setupSecurity(dirname(paths.page));
  void app.whenReady().then(start);
}

function start(): void {
  if (!existsSync(paths.page)) {
    dialog.showErrorBox("DeskPilot", `The control panel is not built (${paths.page} is missing). Run \`npm run build:app\`.`);
    app.quit();
    return;
  }
  // nut-js loads lazily (on first capture or action), after the display server answers; the
  // model on the first run or grounding call.
  const service = createAppService();
  let window: BrowserWindow | undefined = setupWindow(paths);
  const onClosed = (): void => {
    window = undefined;
  };
  window.on("closed", onClosed);

  const stopIpc = setupIpc(ipcMain, service, (event) => isTrustedSender(event, window, pageUrl));
  const stopEvents = forwardEvents(service, () => window?.webContents);

  app.on("second-instance", () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on("activate", () => {
    // macOS: clicking the dock icon with no window open brings the panel back.
    if (!window) {
      window = setupWindow(paths);
      window.on("closed", onClosed);
    }
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app.once("will-quit", () => {
    stopEvents();
    stopIpc();
    void service.dispose();
  });
}
