import type { DeskPilotClient } from "./DeskPilotClient.js";

/** How often the page says where its window is (the service forgets a report after 3 s). */
const EVERY_MS = 1000;

/**
 * In a browser (`deskpilot serve`) the panel is one more window on the desktop the agent works
 * on, which the service cannot see: the page reports its window's screen rect and whether it
 * has the keyboard focus, every second and whenever focus or size changes, so the service
 * blanks it out of the agent's screenshots and refuses actions on it. Returns the function
 * that stops reporting. A failed report is dropped: the next one follows within a second.
 */
export function reportPanelWindow(client: DeskPilotClient, win: Window = window): () => void {
  const id = crypto.randomUUID();
  const report = (): void => {
    const rect = { x: win.screenX, y: win.screenY, width: win.outerWidth, height: win.outerHeight };
    void client.call("reportPanelWindow", { id, ...rect, focused: win.document.hasFocus() }).catch(() => undefined);
  };
  const timer = win.setInterval(report, EVERY_MS);
  const events = ["focus", "blur", "resize"] as const;
  for (const e of events) win.addEventListener(e, report);
  report();
  return () => {
    win.clearInterval(timer);
    for (const e of events) win.removeEventListener(e, report);
  };
}
