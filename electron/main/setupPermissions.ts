import { dialog, shell, systemPreferences, type BrowserWindow } from "electron";
import type { PermissionGuidance } from "../../agent/permissions/PermissionGuidance.js";
import { MACOS_SETTINGS, permissionGuidanceFor } from "../../agent/permissions/permissionGuidanceFor.js";
import { readPermissionStatuses } from "./readPermissionStatuses.js";

const OPENABLE = new Set<string>(Object.values(MACOS_SETTINGS));

/** Checks what the OS still needs from the user (docs/design.md §8: capture and input permissions). */
export function checkPermissions(): PermissionGuidance[] {
  return permissionGuidanceFor(process.platform, readPermissionStatuses(process.platform, systemPreferences, process.env));
}

/**
 * Explains each missing permission in a dialog over the panel, with a button that opens the
 * System Settings pane where the user turns it on. Only our own fixed settings URLs are opened.
 */
export async function explainPermissions(guidance: readonly PermissionGuidance[], parent: BrowserWindow | undefined): Promise<void> {
  for (const g of guidance.filter((x) => x.severity === "blocking")) {
    const canOpen = g.settingsUrl !== undefined && OPENABLE.has(g.settingsUrl);
    const options: Electron.MessageBoxOptions = {
      type: "warning",
      title: "DeskPilot needs a permission",
      message: g.title,
      detail: g.steps,
      buttons: canOpen ? ["Open System Settings", "Later"] : ["OK"],
      defaultId: 0,
      cancelId: canOpen ? 1 : 0,
    };
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (canOpen && response === 0 && g.settingsUrl)
      await shell.openExternal(g.settingsUrl).catch((e: unknown) => console.warn("deskpilot: could not open System Settings:", e));
  }
}
