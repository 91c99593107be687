import { BrowserWindow } from "electron";
import { secureWebPreferences } from "./secureWebPreferences.js";

/** Opens the control panel window on our built page; shown once it has painted. */
export function setupWindow(paths: { readonly preload: string; readonly page: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    title: "DeskPilot",
    show: false,
    webPreferences: secureWebPreferences(paths.preload),
  });
  window.once("ready-to-show", () => window.show());
  window.loadFile(paths.page).catch((error: unknown) => {
    console.error(`deskpilot: could not load the control panel from ${paths.page}:`, error);
  });
  return window;
}
