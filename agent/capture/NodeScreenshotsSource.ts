import { Monitor } from "node-screenshots";
import type { Display } from "../geometry/Display.js";
import { DisplayScreenSource, type GrabbedPixels } from "./DisplayScreenSource.js";
import { makeOpaque } from "./pixels.js";

/** Captures through node-screenshots (xcap): per-monitor, off the JS thread. */
export class NodeScreenshotsSource extends DisplayScreenSource {
  readonly name = "node-screenshots";

  protected async grab(display: Display): Promise<GrabbedPixels> {
    const monitor = Monitor.all().find((m) => String(m.id()) === display.id);
    if (!monitor) throw new Error(`monitor ${display.id} is not connected`);
    const image = await monitor.captureImage();
    const data = await image.toRaw();
    return { data: makeOpaque(data), width: image.width, height: image.height };
  }
}
