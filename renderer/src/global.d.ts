import type { PreloadApi } from "../../electron/shared/ipcContract.js";

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page runs in a plain browser. */
    readonly deskpilot?: PreloadApi;
  }
}
