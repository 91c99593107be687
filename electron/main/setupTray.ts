import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from "electron";
import { join } from "node:path";
import type { ActivitySnapshot } from "./RunActivity.js";
import { trayMenuModel, trayTooltip, type TrayCommand } from "./trayMenuModel.js";
import type { HotkeyStatus } from "./widgetView.js";

export interface TrayHandle {
  /** Redraws icon, tooltip and menu for the current state. */
  update(activity: ActivitySnapshot, hotkeys: HotkeyStatus, permissionsMissing: number): void;
  dispose(): void;
}

/**
 * The tray icon with start/stop: its icon turns active (a red dot) while DeskPilot acts, its
 * menu shows the state and offers pause/resume, stop, the panel and quit. `iconDir` holds
 * trayIdle.png and trayActive.png (with @2x variants nativeImage picks by scale factor).
 */
export function setupTray(iconDir: string, onCommand: (command: TrayCommand) => void): TrayHandle {
  const icons = {
    idle: nativeImage.createFromPath(join(iconDir, "trayIdle.png")),
    active: nativeImage.createFromPath(join(iconDir, "trayActive.png")),
  };
  if (icons.idle.isEmpty()) console.warn(`deskpilot: the tray icon ${join(iconDir, "trayIdle.png")} is missing or unreadable`);
  const tray = new Tray(icons.idle);
  tray.on("click", () => onCommand("show"));

  const handle: TrayHandle = {
    update(activity, hotkeys, permissionsMissing) {
      tray.setImage(activity.phase === "idle" ? icons.idle : icons.active);
      tray.setToolTip(trayTooltip(activity));
      const template = trayMenuModel(activity, hotkeys, permissionsMissing).map((item): MenuItemConstructorOptions => {
        switch (item.kind) {
          case "status":
            return { label: item.label, enabled: false };
          case "separator":
            return { type: "separator" };
          case "command":
            return {
              label: item.label,
              enabled: item.enabled,
              click: () => onCommand(item.command),
              // Shown only: the global hotkeys are registered by EmergencyHotkeys.
              ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
            };
        }
      });
      tray.setContextMenu(Menu.buildFromTemplate(template));
    },
    dispose() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
  return handle;
}
