import type { ScreenSource } from "../ports/ScreenSource.js";
import { NutScreenSource } from "./NutScreenSource.js";
import { X11ShmScreenSource } from "./X11ShmScreenSource.js";
import { WlrootsScreenSource } from "./WlrootsScreenSource.js";
import { PortalScreenSource } from "./PortalScreenSource.js";
import { displaySession } from "../platform/displaySession.js";
import { NodeScreenshotsSource } from "./NodeScreenshotsSource.js";
import { ScreenshotDesktopSource } from "./ScreenshotDesktopSource.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";

/** Every supported screen source by name; the default is the fastest `npm run bench:capture` measured. */
export const screenSources = {
  "x11-shm": () => new X11ShmScreenSource(),
  "nut-js": () => new NutScreenSource(),
  "node-screenshots": () => new NodeScreenshotsSource(),
  "screenshot-desktop": () => new ScreenshotDesktopSource(),
  "wlr-screencopy": () => new WlrootsScreenSource(),
  portal: () => new PortalScreenSource(),
} as const satisfies Record<string, () => ScreenSource>;

export type ScreenSourceName = keyof typeof screenSources;
/**
 * X11's shared-memory capture on Linux (which falls back to nut-js by itself where it cannot
 * work); on a wlroots Wayland session that has what native capture and input need, its
 * screencopy (which sees native Wayland windows too); nut-js elsewhere.
 */
export const defaultScreenSource: ScreenSourceName = defaultSourceFor(displaySession());

function defaultSourceFor(session: ReturnType<typeof displaySession>): ScreenSourceName {
  if (session.kind === "os") return "nut-js";
  if (session.io === "wlroots") return "wlr-screencopy";
  if (session.io === "portal") return "portal";
  return "x11-shm";
}

/** A source by name; without one, the default for the session this process is in now. */
export function createScreenSource(name: string = defaultSourceFor(displaySession())): ScreenSource {
  const make = (screenSources as Record<string, (() => ScreenSource) | undefined>)[name];
  if (!make) {
    throw new DeskPilotError("UNKNOWN_SOURCE", `Unknown screen source "${name}". Choose one of: ${Object.keys(screenSources).join(", ")}.`);
  }
  return make();
}
