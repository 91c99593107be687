import type { Display } from "../geometry/Display.js";
import { displaySession, type DisplaySession } from "../platform/displaySession.js";
import { systemDisplays } from "../platform/systemDisplays.js";
import { WlrootsScreenSource } from "./WlrootsScreenSource.js";
import { PortalScreenSource } from "./PortalScreenSource.js";
import { PortalDesktop } from "../platform/portal/PortalDesktop.js";

/**
 * This desktop's monitors in global logical pixels, from whatever DeskPilot acts through here:
 * the wlroots compositor's own layout, or the OS (RandR on X11 and XWayland). Throws a clear
 * `NoDisplayError` where there is no display, so it doubles as the check before acting.
 */
export async function desktopDisplays(session: DisplaySession = displaySession(), env: NodeJS.ProcessEnv = process.env): Promise<Display[]> {
  if (session.io === "wlroots") return new WlrootsScreenSource(env).listDisplays();
  if (session.io === "portal") return new PortalScreenSource(PortalDesktop.for(env)).listDisplays();
  return systemDisplays();
}
