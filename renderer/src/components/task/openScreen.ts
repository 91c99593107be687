import type { ScreenId } from "../../screens/screens.js";

/**
 * Switches the panel to another screen, as a click on its tab does. App owns which screen shows
 * (its tab bar); going through the tab keeps one way in, with its focus and selection, and needs
 * no hook from every screen that links to another.
 */
export function openScreen(id: ScreenId): void {
  document.getElementById(`tab-${id}`)?.click();
}
