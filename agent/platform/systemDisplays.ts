import { Monitor } from "node-screenshots";
import type { Display } from "../geometry/Display.js";
import { NoDisplayError } from "../errors/NoDisplayError.js";

/**
 * Lists the connected monitors through the OS (RandR on X11, with Xft.dpi as the scale
 * factor; CoreGraphics; DXGI). Unlike nut-js, which kills the process when no display
 * server answers, this throws, so it doubles as the "is there a display?" check.
 */
export function systemDisplays(): Display[] {
  if (process.platform === "linux" && !process.env["DISPLAY"]) {
    throw new NoDisplayError(
      process.env["WAYLAND_DISPLAY"]
        ? "a Wayland session without XWayland's DISPLAY; on this compositor DeskPilot needs X11 or XWayland (on wlroots ones such as sway, its Wayland addon: install libwayland-dev, then npm run build:native)"
        : "the DISPLAY environment variable is not set",
    );
  }
  let monitors: Monitor[];
  try {
    monitors = Monitor.all();
  } catch (error) {
    throw new NoDisplayError(`the display server did not answer (${(error as Error).message})`, { cause: error });
  }
  if (monitors.length === 0) throw new NoDisplayError("the display server reports no monitors");
  const displays = monitors.map((m) => ({
    id: String(m.id()),
    name: m.name(),
    x: m.x(),
    y: m.y(),
    width: m.width(),
    height: m.height(),
    scaleFactor: m.scaleFactor(),
    primary: m.isPrimary(),
  }));
  // Some servers (plain Xvfb) mark no monitor primary; the one at the origin is then the natural choice.
  if (!displays.some((d) => d.primary)) {
    const first = displays.find((d) => d.x === 0 && d.y === 0) ?? displays[0]!;
    return displays.map((d) => (d === first ? { ...d, primary: true } : d));
  }
  return displays;
}
