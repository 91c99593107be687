// Composition root of the Electron app: creates the one service, the window, and binds
// them; each feature registers itself through a setupX() called once here.
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, utilityProcess } from "electron";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createAppService } from "../../agent/service/createAppService.js";
import { visibleWindowRects } from "../../agent/macros/recorder/visibleWindowRects.js";
import { defaultSettings } from "../../agent/settings/settingsSchema.js";
import { setupSecurity } from "./setupSecurity.js";
import { setupIpc } from "./setupIpc.js";
import { forwardEvents } from "./forwardEvents.js";
import { isTrustedSender } from "./isTrustedSender.js";
import { installLocalOnlyGuard } from "../../agent/settings/installLocalOnlyGuard.js";
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
import { PanelWindow } from "./PanelWindow.js";
import { PermissionsPublisher } from "./PermissionsPublisher.js";
import { routeAppCommand, type AppCommandTargets } from "./routeAppCommand.js";

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
  const panelGone = new HideSettle();
  const shield: { widget?: WidgetHandle } = {};
  const service = setupService(panelGone, shield);
  const permissions = new PermissionsPublisher(
    (guidance) => {
      service.emit({ type: "permissions", guidance });
      showStatus();
    },
    () => panel.current,
  );
  const panel = new PanelWindow(paths, { loaded: () => permissions.check(true), focused: () => permissions.check(false) });

  // What acts on the screen: runs (from their events) and macro replays (seen on their way in).
  const activity = new RunActivity();
  const stopActivity = service.on("run-state", (event) => activity.observe(event));
  const served = observeMacroReplays(service, { started: () => activity.macroStarted(), ended: () => activity.macroEnded() });
  const commands = new RunCommands(service, activity);
  const targets: AppCommandTargets = {
    stopAll: (reason) => commands.stopAll(reason),
    pause: () => commands.pause(),
    resume: () => commands.resume(),
    showPanel: () => panel.show(),
    explainPermissions: () => void permissions.explain(),
    quit: () => app.quit(),
  };
  const widget = setupWidget({ preload: paths.widgetPreload, page: paths.widgetPage }, (command) => routeAppCommand("widget", command, targets));
  shield.widget = widget;
  const tray = setupTray(paths.trayIcons, (command) => routeAppCommand("tray", command, targets));
  const ui = setupActivityUi({
    activity,
    windows: new ActingWindows(
      () => (panel.current && !panel.current.isDestroyed() ? panelWindowPort(panel.current, () => panelGone.mark()) : undefined),
      widget,
    ),
    hotkeys: new EmergencyHotkeys(globalShortcut, { stop: targets.stopAll, togglePause: () => commands.togglePause() }),
    readHotkeys: async () => (await service.getSettings()).settings.hotkeys,
    fallbackHotkeys: defaultSettings().hotkeys,
    report: (problem) => {
      console.warn(`deskpilot: ${problem}`);
      service.emit({ type: "error", error: { code: "HOTKEY_UNAVAILABLE", message: problem } });
    },
    onStatus: (now, hotkeys) => tray.update(now, hotkeys, permissions.blocking),
  });
  const showStatus = (): void => tray.update(activity.snapshot, ui.hotkeys(), permissions.blocking);
  showStatus();

  panel.show();
  const stopIpc = setupIpc(ipcMain, served, (event) => isTrustedSender(event, panel.current, pageUrl));
  const stopEvents = forwardEvents(service, () => panel.current?.webContents);
  setupAppLifecycle(panel, () => {
    ui.dispose();
    stopActivity();
    widget.dispose();
    tray.dispose();
    stopEvents();
    stopIpc();
    void service.dispose();
  });
}

/**
 * The one service, over a screen that waits until the panel, hidden as a run starts, is off the
 * screen. nut-js loads lazily (on first capture or action), after the display server answers;
 * the model on the first run or grounding call, in a utilityProcess (a crash there spares
 * main). X11 cannot keep a window out of captures (content protection is macOS and Windows
 * only), so on Linux the widget also steps aside for each capture.
 */
function setupService(panelGone: HideSettle, shield: { widget?: WidgetHandle }): ReturnType<typeof createAppService> {
  const screen = new ShieldedScreenSource(new NutScreenSource(), () => ({
    lower: async () => {
      await panelGone.wait();
      return process.platform === "linux" && shield.widget ? shield.widget.lower() : () => {};
    },
  }));
  return createAppService({
    settings,
    screen,
    engineHost: utilityProcessHost((path, args, options) => utilityProcess.fork(path, args, options)),
    // Every window of this app is DeskPilot's (the panel, the widget): macro recordings leave them out.
    ownWindows: () => visibleWindowRects(BrowserWindow.getAllWindows()),
    // The same stop key (settings hotkeys.stop) is registered as a globalShortcut by EmergencyHotkeys.
    stopKey: false,
  });
}

/** A second launch and the dock icon bring the panel back; closing every window quits (but on macOS); quitting disposes. */
function setupAppLifecycle(panel: PanelWindow, dispose: () => void): void {
  app.on("second-instance", () => panel.show());
  app.on("activate", () => {
    if (!panel.current) panel.show();
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app.once("will-quit", dispose);
}
