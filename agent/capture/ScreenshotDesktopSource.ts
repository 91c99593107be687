import screenshot from "screenshot-desktop";
import sharp from "sharp";
import type { Display } from "../geometry/Display.js";
import { DisplayScreenSource, type GrabbedPixels } from "./DisplayScreenSource.js";

interface ScreenshotDesktopDisplay {
  id: string | number;
  name?: string;
  /** Windows and macOS spell the origin left/top, Linux offsetX/offsetY; both physical pixels. */
  left?: number;
  top?: number;
  offsetX?: number;
  offsetY?: number;
}

/**
 * Captures through `screenshot-desktop` (ImageMagick `import` on Linux, a helper exe on
 * Windows, screencapture on macOS). Slow, but it needs nothing native of ours.
 */
export class ScreenshotDesktopSource extends DisplayScreenSource {
  readonly name = "screenshot-desktop";

  protected async grab(display: Display): Promise<GrabbedPixels> {
    // Its listing can reject or throw synchronously when xrandr fails: keep both inside this promise.
    const listed = (await Promise.resolve().then(() => screenshot.listDisplays())) as ScreenshotDesktopDisplay[];
    const x = Math.round(display.x * display.scaleFactor);
    const y = Math.round(display.y * display.scaleFactor);
    // Never fall back to "the only one it lists": that would hand back another monitor's pixels.
    const match = listed.find((d) => d.name === display.name) ?? listed.find((d) => (d.offsetX ?? d.left) === x && (d.offsetY ?? d.top) === y);
    if (!match) {
      throw new Error(
        `it does not list display ${display.id} (${display.name}) among ${listed.map((d) => d.name ?? d.id).join(", ") || "none"}; ` +
          "on Linux it sees only outputs that xrandr reports as connected",
      );
    }
    const png = await screenshot({ screen: match.id, format: "png" });
    const { data, info } = await sharp(png).ensureAlpha(1).raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  }
}
