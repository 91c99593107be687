import type { BrowserWindow } from "electron";
import type { PanelWindowPort } from "./ActingWindows.js";

/** The panel window as ActingWindows drives it; a minimized panel already is out of the way. `onHide` hears each hide. */
export function panelWindowPort(window: BrowserWindow, onHide: () => void = () => {}): PanelWindowPort {
  return {
    isVisible: () => window.isVisible() && !window.isMinimized(),
    hide: () => {
      window.hide();
      onHide();
    },
    show: () => {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
  };
}
