import { DeskPilotError } from "./DeskPilotError.js";

/** No display server can be reached, so there is nothing to see or act on. */
export class NoDisplayError extends DeskPilotError {
  constructor(detail: string, options?: ErrorOptions) {
    super(
      "NO_DISPLAY",
      `No display is available: ${detail}. Run DeskPilot inside a desktop session ` +
        "(on Linux: an X11 session, a Wayland session (sway and other wlroots compositors; GNOME and KDE through their portals), or XWayland with DISPLAY set), or start a virtual one with `Xvfb :99 & export DISPLAY=:99`.",
      options,
    );
  }
}
