import type { Display } from "../geometry/Display.js";
import { DisplayScreenSource, type GrabbedPixels } from "./DisplayScreenSource.js";
import { nativeRegion } from "../geometry/nativeSpace.js";
import { bgraToRgbaInPlace } from "./pixels.js";
import { loadNut } from "../platform/loadNut.js";

/** Captures through nut-js (XGetImage / CGDisplay / GDI): the fastest portable source measured. */
export class NutScreenSource extends DisplayScreenSource {
  readonly name = "nut-js";

  protected override async prepare(): Promise<void> {
    await loadNut();
  }

  protected grab(display: Display): Promise<GrabbedPixels> {
    return grabWithNut(display);
  }
}

/** One display's pixels through nut-js, as opaque RGBA. */
export async function grabWithNut(display: Display): Promise<GrabbedPixels> {
  const nut = await loadNut();
  const r = nativeRegion(display);
  const image = await nut.screen.grabRegion(new nut.Region(r.x, r.y, r.width, r.height));
  const data = Buffer.isBuffer(image.data) ? image.data : Buffer.from(image.data);
  const stride = image.width * 4;
  if (data.length !== stride * image.height) {
    throw new Error(`unexpected pixel buffer of ${data.length} bytes for ${image.width}x${image.height}`);
  }
  const converting = performance.now();
  bgraToRgbaInPlace(data);
  return { data, width: image.width, height: image.height, convertMs: performance.now() - converting };
}
