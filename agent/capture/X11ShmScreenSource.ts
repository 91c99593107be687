import type { Display } from "../geometry/Display.js";
import { nativeRegion } from "../geometry/nativeSpace.js";
import { loadCaptureAddon, type CaptureAddon } from "../../native/loadCaptureAddon.js";
import { DisplayScreenSource, type GrabbedPixels } from "./DisplayScreenSource.js";
import { grabWithNut } from "./NutScreenSource.js";
import { loadNut } from "../platform/loadNut.js";

/**
 * Captures X11 through the MIT-SHM extension (native/capture): the server writes the pixels into
 * shared memory and one pass copies them out as RGBA, so a 4K frame costs a few milliseconds
 * instead of nut-js's ~50 (`npm run bench:capture`). Where shared memory cannot work (not
 * Linux, the addon not built, a remote or sandboxed X server, a visual other than 32-bit BGRA)
 * it captures through nut-js instead, says so in `fallback`, and names itself "nut-js".
 */
export class X11ShmScreenSource extends DisplayScreenSource {
  private addon: CaptureAddon | undefined;
  private why: string | undefined;

  constructor(load: () => CaptureAddon | string = loadCaptureAddon) {
    super();
    const addon = load();
    if (typeof addon === "string") this.why = addon;
    else this.addon = addon;
  }

  get name(): string {
    return this.addon ? "x11-shm" : "nut-js";
  }

  /** Why capture went through nut-js instead, once it did. */
  get fallback(): string | undefined {
    return this.why;
  }

  protected override async prepare(): Promise<void> {
    if (!this.addon) await loadNut();
  }

  protected async grab(display: Display): Promise<GrabbedPixels> {
    if (!this.addon) return grabWithNut(display);
    const r = nativeRegion(display);
    try {
      return { data: this.addon.grab(process.env["DISPLAY"] ?? "", r.x, r.y, r.width, r.height), width: r.width, height: r.height };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "NO_SHM" && code !== "UNSUPPORTED_VISUAL") throw error;
      // this server cannot share memory with us: nut-js from now on
      this.why = `shared-memory capture is not possible on this X server: ${(error as Error).message}`;
      this.addon = undefined;
      return grabWithNut(display);
    }
  }
}
