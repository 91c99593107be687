import type { Display } from "../geometry/Display.js";
import type { WaylandOutputInfo } from "../../native/loadWaylandAddon.js";

/**
 * The monitors of a Wayland compositor as DeskPilot's displays: each output's place and size in
 * the global logical layout (xdg_output), with its scale from its current mode in device pixels.
 * The output at the layout's origin is primary (Wayland has no primary output; input and our
 * coordinates start there).
 */
export function displaysFromOutputs(outputs: readonly WaylandOutputInfo[]): Display[] {
  const displays: Display[] = outputs
    .filter((o) => o.name && o.width > 0 && o.height > 0)
    .map((o) => ({
      id: o.name,
      name: o.name,
      x: o.x,
      y: o.y,
      width: o.width,
      height: o.height,
      // fractional scales show only in the ratio of the mode to the logical size
      scaleFactor: o.modeWidth > 0 ? o.modeWidth / o.width : o.scale,
      primary: o.x === 0 && o.y === 0,
    }));
  displays.sort((a, b) => a.x - b.x || a.y - b.y);
  if (displays.length > 0 && !displays.some((d) => d.primary)) displays[0] = { ...displays[0]!, primary: true };
  return displays;
}

/**
 * The outputs in `wayland-info`'s report (wayland-utils), which any compositor answers: the way
 * to list them where DeskPilot's Wayland addon is not built.
 */
export function parseWaylandOutputs(report: string): Display[] {
  const logical = new Map<string, { x: number; y: number; width: number; height: number }>();
  const modes = new Map<string, { width: number; height: number; scale: number }>();
  // xdg_output_v1 blocks: name: 'HEADLESS-1' … logical_x: 0, logical_y: 0 … logical_width: 800, logical_height: 600
  for (const block of report.split(/\bxdg_output_v1\b/).slice(1)) {
    const name = /name: '([^']+)'/.exec(block)?.[1];
    const at = /logical_x: (-?\d+), logical_y: (-?\d+)/.exec(block);
    const size = /logical_width: (\d+), logical_height: (\d+)/.exec(block);
    if (name && at && size) logical.set(name, { x: +at[1]!, y: +at[2]!, width: +size[1]!, height: +size[2]! });
  }
  // wl_output blocks: name: HEADLESS-1 … scale: 2, … width: 1600 px, height: 1200 px, refresh: …, flags: current
  for (const block of report.split(/interface: 'wl_output'/).slice(1)) {
    const name = /\n\s*name: ([^\s']+)/.exec(block)?.[1];
    const scale = /scale: (\d+)/.exec(block);
    const current = [...block.matchAll(/width: (\d+) px, height: (\d+) px[^\n]*\n\s*flags: ([^\n]*)/g)].find((m) => /current/.test(m[3]!));
    if (name && current) modes.set(name, { width: +current[1]!, height: +current[2]!, scale: scale ? +scale[1]! : 1 });
  }
  return displaysFromOutputs(
    [...logical].map(([name, l]) => {
      const mode = modes.get(name);
      return { name, ...l, modeWidth: mode?.width ?? 0, modeHeight: mode?.height ?? 0, scale: mode?.scale ?? 1 };
    }),
  );
}
