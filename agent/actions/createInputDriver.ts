import type { InputDriver } from "../ports/InputDriver.js";
import type { Display } from "../geometry/Display.js";
import { displaySession, type DisplaySession } from "../platform/displaySession.js";
import { WlrootsScreenSource } from "../capture/WlrootsScreenSource.js";
import { NutInputDriver } from "./NutInputDriver.js";
import { WlrootsInputDriver } from "./WlrootsInputDriver.js";
import { PortalInputDriver } from "./PortalInputDriver.js";
import { PortalDesktop } from "../platform/portal/PortalDesktop.js";

/** How long a read of the compositor's output layout is reused (a monitor change shows within it). */
const LAYOUT_TTL_MS = 1000;

/**
 * The input driver for this desktop: the compositor's virtual pointer and keyboard on a wlroots
 * Wayland session (displaySession's `io`), nut-js (XTEST on X11 and XWayland, the OS elsewhere)
 * otherwise.
 */
export function createInputDriver(session: DisplaySession = displaySession(), env: NodeJS.ProcessEnv = process.env): InputDriver {
  if (session.io === "portal") return new PortalInputDriver(PortalDesktop.for(env));
  if (session.io !== "wlroots") return new NutInputDriver();
  const outputs = new WlrootsScreenSource(env);
  let layout: { at: number; displays: Promise<Display[]> } | undefined;
  return new WlrootsInputDriver(() => {
    if (!layout || performance.now() - layout.at > LAYOUT_TTL_MS) {
      layout = { at: performance.now(), displays: outputs.listDisplays() };
      layout.displays.catch(() => (layout = undefined));
    }
    return layout.displays;
  }, env);
}
