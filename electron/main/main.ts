// Composition root of the Electron app: creates the one service, the window, and binds
// them; each feature registers itself through a setupX() called once here.
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, utilityProcess } from "electron";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createAppService } from "../../agent/service/createAppService.js";
import { visibleWindowRects } from "../../agent/macros/recorder/visibleWindowRects.js";
import { defaultSettings } from "../../agent/settings/settingsSchema.js";
import type { PermissionGuidance } from "../../agent/permissions/PermissionGuidance.js";
import { setupSecurity } from "./setupSecurity.js";
import { setupWindow } from "./setupWindow.js";
import { setupIpc } from "./setupIpc.js";
import { forwardEvents } from "./forwardEvents.js";
import { isTrustedSender } from "./isTrustedSender.js";
import { installLocalOnlyGuard } from "../../agent/net/installLocalOnlyGuard.js";
import { SettingsStore } from "../../agent/settings/SettingsStore.js";
import { settingsPath } from "../../agent/platform/userDirs.js";
import { utilityProcessHost } from "./utilityProcessHost.js";
import { RunActivity } from "./RunActivity.js";
import { observeMacroReplays } from "./observeMacroReplays.js";
import { RunCommands } from "./RunCommands.js";
import { setupWidget, type WidgetHandle } from "./setupWidget.js";
import { ShieldedScreenSource } from "./ShieldedScreenSource.js";
import { HideSettle } from "./HideSettle.js";
import { NutScreenSource } from "../../agent/capture/NutScreenSource.js";
import { ActingWindows } from "./ActingWindows.js";
import { panelWindowPort } from "./panelWindowPort.js";
import { EmergencyHotkeys } from "./EmergencyHotkeys.js";
import { setupActivityUi } from "./ActivityUi.js";
import { setupTray } from "./setupTray.js";
import type { TrayCommand } from "./trayMenuModel.js";
import type { WidgetCommand } from "../shared/widgetContract.js";
import { checkPermissions, explainPermissions } from "./setupPermissions.js";

const here = dirname(fileURLToPath(import.meta.url));
const paths = {
  preload: join(here, "../preload/preload.js"),
  page: join(here, "../../renderer/index.html"),
  widgetPreload: join(here, "../preload/widgetPreload.js"),
  widgetPage: join(here, "../../renderer/widget/index.html"),
  // electron-builder packs electron/resources/tray beside dist/ (see electron-builder.yml `files`).
  trayIcons: join(here, "../../../electron/resources/tray"),
};
const pageUrl = pathToFileURL(paths.page).href;
// One settings file for the service and the network guard, so a local-only switch in the
// Settings screen applies to the very next connection.
const settings = new SettingsStore(settingsPath());

if (!app.requestSingleInstanceLock()) {
  // A second launch would fight the first over the same mouse and keyboard.
  app.quit();
} else {
  // Before anything can connect: in local-only mode main's Node side opens no outbound
  // connection (the renderer's own requests are confined by setupSecurity).
  installLocalOnlyGuard({ store: settings });
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
  // model on the first run or grounding call, in a utilityProcess (a crash there spares main).
  // Captures wait until the panel, hidden as a run starts, is off the screen. X11 cannot keep a
  // window out of captures (content protection is macOS and Windows only), so on Linux the
  // widget also steps aside for each capture.
  const panelGone = new HideSettle();
  const shield: { widget?: WidgetHandle } = {};
  const screen = new ShieldedScreenSource(new NutScreenSource(), () => ({
    lower: async () => {
      await panelGone.wait();
      return process.platform === "linux" && shield.widget ? shield.widget.lower() : () => {};
    },
  }));
  const service = createAppService({
    settings,
    screen,
    engineHost: utilityProcessHost((path, args, options) => utilityProcess.fork(path, args, options)),
    // Every window of this app is DeskPilot's (the panel, the widget): macro recordings leave them out.
    ownWindows: () => visibleWindowRects(BrowserWindow.getAllWindows()),
    // The same stop key (settings hotkeys.stop) is registered as a globalShortcut by EmergencyHotkeys below.
    stopKey: false,
  });
  let window: BrowserWindow | undefined;
  const openPanel = (): BrowserWindow => {
    const opened = setupWindow(paths);
    opened.on("closed", () => {
      window = undefined;
      // The hidden widget window would keep the app alive; closing the panel quits as before.
      if (process.platform !== "darwin") app.quit();
    });
    opened.webContents.on("did-finish-load", () => publishPermissions(true));
    opened.on("focus", () => publishPermissions(false));
    return opened;
  };
  const showPanel = (): void => {
    if (!window) window = openPanel();
    else panelWindowPort(window).show();
  };

  // What acts on the screen: runs (from their events) and macro replays (seen on their way in).
  const activity = new RunActivity();
  const stopActivity = service.on("run-state", (event) => activity.observe(event));
  const served = observeMacroReplays(service, { started: () => activity.macroStarted(), ended: () => activity.macroEnded() });
  const commands = new RunCommands(service, activity);
  const stopAll = (reason: string): void => commands.stopAll(reason);

  const widget = setupWidget({ preload: paths.widgetPreload, page: paths.widgetPage }, (command: WidgetCommand) => {
    if (command === "stop") stopAll("stopped from the DeskPilot widget");
    else if (command === "pause") commands.pause();
    else if (command === "resume") commands.resume();
    else showPanel();
  });
  shield.widget = widget;
  const tray = setupTray(paths.trayIcons, (command: TrayCommand) => {
    if (command === "stop") stopAll("stopped from the tray menu");
    else if (command === "pause") commands.pause();
    else if (command === "resume") commands.resume();
    else if (command === "show") showPanel();
    else if (command === "permissions") void explainPermissions(guidance, window);
    else app.quit();
  });

  let guidance: PermissionGuidance[] = [];
  const blocking = (): number => guidance.filter((g) => g.severity === "blocking").length;
  const ui = setupActivityUi({
    activity,
    windows: new ActingWindows(() => (window && !window.isDestroyed() ? panelWindowPort(window, () => panelGone.mark()) : undefined), widget),
    hotkeys: new EmergencyHotkeys(globalShortcut, { stop: stopAll, togglePause: () => commands.togglePause() }),
    readHotkeys: async () => (await service.getSettings()).settings.hotkeys,
    fallbackHotkeys: defaultSettings().hotkeys,
    report: (problem) => {
      console.warn(`deskpilot: ${problem}`);
      service.emit({ type: "error", error: { code: "HOTKEY_UNAVAILABLE", message: problem } });
    },
    onStatus: (now, hotkeys) => tray.update(now, hotkeys, blocking()),
  });
  tray.update(activity.snapshot, ui.hotkeys(), 0);

  // Told to the panel on every load (it may have reloaded) and re-checked when the user comes
  // back to it (from System Settings, say); explained in dialogs once per launch.
  let explained = false;
  function publishPermissions(always: boolean): void {
    const next = checkPermissions();
    const changed = JSON.stringify(next) !== JSON.stringify(guidance);
    guidance = next;
    if (!always && !changed) return;
    service.emit({ type: "permissions", guidance });
    tray.update(activity.snapshot, ui.hotkeys(), blocking());
    if (!explained && blocking() > 0) {
      explained = true;
      void explainPermissions(guidance, window);
    }
  }

  window = openPanel();
  const stopIpc = setupIpc(ipcMain, served, (event) => isTrustedSender(event, window, pageUrl));
  const stopEvents = forwardEvents(service, () => window?.webContents);

  app.on("second-instance", showPanel);
  // macOS: clicking the dock icon with no window open brings the panel back.
  app.on("activate", () => {
    if (!window) showPanel();
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app.once("will-quit", () => {
    ui.dispose();
    stopActivity();
    widget.dispose();
    tray.dispose();
    stopEvents();
    stopIpc();
    void service.dispose();
  });
}
