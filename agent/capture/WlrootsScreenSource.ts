import { execFile } from "node:child_process";
import type { Display } from "../geometry/Display.js";
import { NoDisplayError } from "../errors/NoDisplayError.js";
import { displaysFromOutputs, parseWaylandOutputs } from "../platform/waylandOutputs.js";
import { waylandSocket } from "../platform/waylandSocket.js";
import { loadWaylandAddon, type WaylandAddon } from "../../native/loadWaylandAddon.js";
import { DisplayScreenSource, type GrabbedPixels } from "./DisplayScreenSource.js";

/** Runs a tool and returns its stdout as bytes; a missing tool says which package brings it. */
function run(tool: string, args: readonly string[], env: NodeJS.ProcessEnv, pkg: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { env, encoding: "buffer", maxBuffer: 1 << 30, timeout: 10_000 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const e = error as NodeJS.ErrnoException;
      if (e.code === "ENOENT") reject(new NoDisplayError(`${tool} is not installed; it captures a wlroots desktop (install ${pkg})`));
      else reject(new Error(`${tool} failed: ${stderr.toString().trim() || e.message}`));
    });
  });
}

/** A binary PPM (P6, maxval 255) as opaque RGBA. */
export function ppmToRgba(ppm: Buffer): GrabbedPixels {
  const head = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString("latin1"));
  if (!head) throw new Error("grim did not write a binary PPM");
  const width = Number(head[1]);
  const height = Number(head[2]);
  const rgb = ppm.subarray(head[0].length);
  if (rgb.length < width * height * 3) throw new Error(`grim's PPM holds ${rgb.length} bytes, not ${width}x${height}x3`);
  const data = Buffer.allocUnsafe(width * height * 4);
  for (let i = 0, o = 0; o < data.length; i += 3, o += 4) {
    data[o] = rgb[i]!;
    data[o + 1] = rgb[i + 1]!;
    data[o + 2] = rgb[i + 2]!;
    data[o + 3] = 255;
  }
  return { data, width, height };
}

/**
 * Captures a wlroots compositor (sway, Hyprland, river, …) through its screencopy protocol, one
 * output at a time at the output's own pixels, with the outputs' logical layout from xdg-output:
 * through DeskPilot's Wayland addon (native/wayland), or where it is not built through `grim` and
 * `wayland-info`. It sees native Wayland windows, which X11 sources under XWayland do not.
 */
export class WlrootsScreenSource extends DisplayScreenSource {
  readonly name = "wlr-screencopy";

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly addon: () => WaylandAddon | string = loadWaylandAddon,
  ) {
    super();
  }

  override async listDisplays(): Promise<Display[]> {
    if (!this.env["WAYLAND_DISPLAY"]) throw new NoDisplayError("WAYLAND_DISPLAY is not set; wlr-screencopy captures a Wayland session");
    const addon = this.connected();
    const displays = addon
      ? displaysFromOutputs(this.call(() => addon.listOutputs()))
      : parseWaylandOutputs((await run("wayland-info", [], this.env, "wayland-utils")).toString("utf8"));
    if (displays.length === 0) throw new NoDisplayError("the Wayland compositor reports no outputs");
    return displays;
  }

  protected async grab(display: Display): Promise<GrabbedPixels> {
    const addon = this.connected();
    if (addon) return this.call(() => addon.captureOutput(display.id));
    return ppmToRgba(await run("grim", ["-o", display.id, "-t", "ppm", "-"], this.env, "grim"));
  }

  /** The addon, connected to this session's compositor; undefined where it is not built. */
  private connected(): WaylandAddon | undefined {
    const addon = this.addon();
    if (typeof addon === "string") return undefined;
    this.call(() => addon.connect(waylandSocket(this.env)));
    return addon;
  }

  /** An addon call; a lost or missing compositor as NoDisplayError, anything else as a plain error the capture frame words. */
  private call<T>(f: () => T): T {
    try {
      return f();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "NO_DISPLAY" || code === "DISPLAY_LOST") throw new NoDisplayError((error as Error).message, { cause: error });
      throw error;
    }
  }
}
