import { execFile } from "node:child_process";
import type { Display } from "../geometry/Display.js";
import { NoDisplayError } from "../errors/NoDisplayError.js";
import { parseWaylandOutputs } from "../platform/waylandOutputs.js";
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
 * Captures a wlroots compositor (sway, Hyprland, river, …) through its screencopy protocol, by
 * `grim` one output at a time, at the output's own pixels; the outputs and their logical layout
 * come from `wayland-info`. It sees native Wayland windows, which X11 sources under XWayland do not.
 */
export class WlrootsScreenSource extends DisplayScreenSource {
  readonly name = "wlr-screencopy";

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    super();
  }

  override async listDisplays(): Promise<Display[]> {
    if (!this.env["WAYLAND_DISPLAY"]) throw new NoDisplayError("WAYLAND_DISPLAY is not set; wlr-screencopy captures a Wayland session");
    const report = (await run("wayland-info", [], this.env, "wayland-utils")).toString("utf8");
    const displays = parseWaylandOutputs(report);
    if (displays.length === 0) throw new NoDisplayError("the Wayland compositor reports no outputs");
    return displays;
  }

  protected async grab(display: Display): Promise<GrabbedPixels> {
    return ppmToRgba(await run("grim", ["-o", display.id, "-t", "ppm", "-"], this.env, "grim"));
  }
}
