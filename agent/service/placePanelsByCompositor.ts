import type { PanelWindows } from "./PanelWindows.js";
import { displaySession } from "../platform/displaySession.js";
import { swayWindows } from "../platform/swayWindows.js";

/** How often the compositor is asked where the panel's windows are, while a panel is open. */
const EVERY_MS = 1000;

/**
 * On a wlroots desktop a panel page cannot know where its window is (Wayland tells no client),
 * so while a panel is open its windows' places come from the compositor: sway's layout tree.
 * A wlroots compositor without sway's IPC cannot say, and then nothing is blanked rather than
 * the wrong place (the README says to keep the panel off the screen the agent works on there).
 * Returns the stop; the timer never keeps the process alive.
 */
export function placePanelsByCompositor(panels: PanelWindows, env: NodeJS.ProcessEnv = process.env): () => void {
  if (displaySession(env).io !== "wlroots") return () => undefined;
  // until the compositor answers, no place rather than the (0, 0) every page reports
  panels.placeFromCompositor("unknown");
  let asking = false;
  const timer = setInterval(() => {
    if (asking || !panels.hasLivePanel()) return;
    asking = true;
    void swayWindows(env)
      .then((windows) => panels.placeFromCompositor(windows ?? "unknown"))
      .finally(() => (asking = false));
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
