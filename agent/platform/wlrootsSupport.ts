import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";

/** Whether `tool` is an executable on this environment's PATH. */
export function onPath(tool: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env["PATH"] ?? "").split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * What DeskPilot still needs to see and control a wlroots desktop natively, each as what to
 * install; empty when nothing is missing: `grim` (screencopy), `wayland-info` (the outputs'
 * layout) and our input addon (virtual pointer and keyboard, native/wayland).
 */
export function missingForWlroots(env: NodeJS.ProcessEnv = process.env): string[] {
  const missing: string[] = [];
  if (!onPath("grim", env)) missing.push("grim (the grim package)");
  if (!onPath("wayland-info", env)) missing.push("wayland-info (the wayland-utils package)");
  const addon = loadWaylandAddon();
  if (typeof addon === "string") missing.push(`DeskPilot's Wayland input addon (${addon})`);
  return missing;
}
