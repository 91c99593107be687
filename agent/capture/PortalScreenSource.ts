import type { Display } from "../geometry/Display.js";
import { PortalDesktop } from "../platform/portal/PortalDesktop.js";
import { DisplayScreenSource, type GrabbedPixels } from "./DisplayScreenSource.js";

/** The Display id of the portal's n-th shared monitor (1-based, in layout order). */
export const portalDisplayId = (n: number): string => `SCREEN-${n}`;

/**
 * Captures a GNOME or KDE Plasma Wayland desktop (or any whose XDG portal casts screens) through
 * the ScreenCast portal: the desktop asks the user once which monitors to share, and each
 * frame comes over PipeWire at the monitor's own pixels. Displays are the shared monitors, in
 * the compositor's logical layout; their scale is the frame's width over the logical one.
 */
export class PortalScreenSource extends DisplayScreenSource {
  readonly name = "portal";
  private scales = new Map<number, number>();

  constructor(private readonly desktop: PortalDesktop = PortalDesktop.for()) {
    super();
  }

  override async listDisplays(): Promise<Display[]> {
    const { streams } = await this.desktop.session();
    const displays: Display[] = [];
    for (const [i, s] of streams.entries()) {
      let scale = this.scales.get(s.node);
      if (scale === undefined) {
        const frame = await this.desktop.frame(s);
        scale = Math.round((frame.width / s.width) * 100) / 100;
        this.scales.set(s.node, scale);
      }
      displays.push({
        id: portalDisplayId(i + 1),
        name: `shared monitor ${i + 1}`,
        x: s.x,
        y: s.y,
        width: s.width,
        height: s.height,
        scaleFactor: scale,
        primary: i === 0,
      });
    }
    return displays;
  }

  protected async grab(display: Display): Promise<GrabbedPixels> {
    const { streams } = await this.desktop.session();
    const stream = streams.find((s, i) => portalDisplayId(i + 1) === display.id) ?? streams[0]!;
    return this.desktop.frame(stream);
  }
}
