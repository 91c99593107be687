import { loadWaylandAddon, type WaylandAddon } from "../../native/loadWaylandAddon.js";

/**
 * What DeskPilot still needs to see and control a wlroots desktop natively, each as what to
 * install; empty when nothing is missing. Its Wayland addon (native/wayland) does it all:
 * screencopy capture, the outputs' layout, and the virtual pointer and keyboard.
 */
export function missingForWlroots(addon: () => WaylandAddon | string = loadWaylandAddon): string[] {
  const loaded = addon();
  return typeof loaded === "string" ? [`DeskPilot's Wayland addon (${loaded})`] : [];
}
