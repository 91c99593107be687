// CommonJS on purpose: a sandboxed preload runs as a classic script whose `require` only
// knows `electron` and a few Node built-ins, so it can load neither ESM nor our modules.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS form verbatimModuleSyntax requires
import electron = require("electron");
import type { EventChannel, IpcChannel, IpcMethodName, PRELOAD_GLOBAL, PreloadApi, ServiceEvent } from "../shared/ipcContract.js";

const { contextBridge, ipcRenderer } = electron;

// Repeated from the contract (see above); the types keep it in step, and typing `api` as
// PreloadApi makes a contract method that preload forgets a compile error.
const EVENT_CHANNEL: EventChannel = "deskpilot:event";

const channel = <K extends IpcMethodName>(name: K): IpcChannel<K> => `deskpilot:${name}`;

/** Named methods only: the renderer never sees ipcRenderer itself or arbitrary channels. */
const api: PreloadApi = {
  listDisplays: () => ipcRenderer.invoke(channel("listDisplays")),
  capture: (...args) => ipcRenderer.invoke(channel("capture"), ...args),
  act: (...args) => ipcRenderer.invoke(channel("act"), ...args),
  onEvent: (listener) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: ServiceEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

const GLOBAL_NAME: typeof PRELOAD_GLOBAL = "deskpilot";
contextBridge.exposeInMainWorld(GLOBAL_NAME, api);
