import screenshot from "screenshot-desktop";
import sharp from "sharp";
import type { Display } from "./Display.js";
import { DisplayScreenSource, type GrabbedPixels } from "./DisplayScreenSource.js";

interface ScreenshotDesktopDisplay {
  id: string | number;
  name?: string;
  left?: number;
  top?: number;
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
    const match =
      listed.find((d) => d.name === display.name) ??
      listed.find((d) => d.left === Math.round(display.x * display.scaleFactor) && d.top === Math.round(display.y * display.scaleFactor)) ??
      (listed.length === 1 ? listed[0] : undefined);
    if (!match) throw new Error(`screenshot-desktop does not list display ${display.name}`);
    const png = await screenshot({ screen: match.id, format: "png" });
    const { data, info } = await sharp(png).ensureAlpha(1).raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  }
}
