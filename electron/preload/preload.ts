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

/** One named method: the renderer never sees ipcRenderer itself or arbitrary channels. */
const call =
  <K extends IpcMethodName>(name: K) =>
  (...args: unknown[]): Promise<never> =>
    ipcRenderer.invoke(channel(name), ...args) as Promise<never>;

/** Named methods only, one per contract entry. */
const api: PreloadApi = {
  listDisplays: call("listDisplays"),
  capture: call("capture"),
  act: call("act"),
  reportPanelWindow: call("reportPanelWindow"),
  startRun: call("startRun"),
  pauseRun: call("pauseRun"),
  resumeRun: call("resumeRun"),
  stopRun: call("stopRun"),
  runState: call("runState"),
  answerConfirm: call("answerConfirm"),
  activeRuns: call("activeRuns"),
  listRuns: call("listRuns"),
  getRun: call("getRun"),
  runScreenshot: call("runScreenshot"),
  runReport: call("runReport"),
  listModels: call("listModels"),
  pullModel: call("pullModel"),
  cancelPull: call("cancelPull"),
  removeModel: call("removeModel"),
  verifyModelFiles: call("verifyModelFiles"),
  useModel: call("useModel"),
  getSettings: call("getSettings"),
  updateSettings: call("updateSettings"),
  listMacros: call("listMacros"),
  showMacro: call("showMacro"),
  loadMacro: call("loadMacro"),
  saveMacro: call("saveMacro"),
  playMacro: call("playMacro"),
  startRecording: call("startRecording"),
  stopRecording: call("stopRecording"),
  stopMacro: call("stopMacro"),
  saveRunAsMacro: call("saveRunAsMacro"),
  ground: call("ground"),
  ask: call("ask"),
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
