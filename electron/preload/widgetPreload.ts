// The stop/pause widget's preload: CommonJS for the sandbox, like preload.ts. It exposes two
// functions and nothing else, so the widget page can stop, pause or resume, and show the panel.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS form verbatimModuleSyntax requires
import electron = require("electron");
import type { WIDGET_COMMAND_CHANNEL, WIDGET_GLOBAL, WIDGET_VIEW_CHANNEL, WidgetApi, WidgetCommand, WidgetView } from "../shared/widgetContract.js";

const { contextBridge, ipcRenderer } = electron;

// Repeated from the contract (a sandboxed preload cannot load our modules); the types keep them in step.
const COMMAND: typeof WIDGET_COMMAND_CHANNEL = "deskpilot-widget:command";
const VIEW: typeof WIDGET_VIEW_CHANNEL = "deskpilot-widget:view";
const GLOBAL_NAME: typeof WIDGET_GLOBAL = "deskpilotWidget";

const api: WidgetApi = {
  command: (command: WidgetCommand) => ipcRenderer.send(COMMAND, command),
  onView: (listener) => {
    const forward = (_event: Electron.IpcRendererEvent, view: WidgetView): void => listener(view);
    ipcRenderer.on(VIEW, forward);
    return () => {
      ipcRenderer.removeListener(VIEW, forward);
    };
  },
};

contextBridge.exposeInMainWorld(GLOBAL_NAME, api);
