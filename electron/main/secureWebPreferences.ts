import type { WebPreferences } from "electron";

/**
 * The control panel's web preferences, per Electron's security checklist: the page runs
 * sandboxed and isolated with no Node, and reaches main only through the preload's named
 * methods. Kept pure so a test can check it without an Electron binary.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}
