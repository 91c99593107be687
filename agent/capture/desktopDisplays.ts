import type { Display } from "../geometry/Display.js";
import { displaySession, type DisplaySession } from "../platform/displaySession.js";
import { systemDisplays } from "../platform/systemDisplays.js";
import { WlrootsScreenSource } from "./WlrootsScreenSource.js";
import { PortalScreenSource } from "./PortalScreenSource.js";
import { PortalDesktop } from "../platform/portal/PortalDesktop.js";

/**
 * This desktop's monitors in global logical pixels, from whatever DeskPilot acts through here:
 * the wlroots compositor's own layout, the desktop portal's shared monitors, or the OS (RandR on
 * X11 and XWayland). Throws a clear `NoDisplayError` where there is no display, so it doubles as
 * the check before acting. With `acting`, a portal desktop is told first that this process will
 * act, so its one consent dialog asks for the screens and the pointer and keyboard together
 * (a screen-only session would be replaced, and the dialog asked twice).
 */
export async function desktopDisplays(
  session: DisplaySession = displaySession(),
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly acting?: boolean } = {},
): Promise<Display[]> {
  if (session.io === "wlroots") return new WlrootsScreenSource(env).listDisplays();
  if (session.io === "portal") {
    const desktop = PortalDesktop.for(env);
    if (options.acting) desktop.wantInput();
    return new PortalScreenSource(desktop).listDisplays();
  }
  return systemDisplays();
}
