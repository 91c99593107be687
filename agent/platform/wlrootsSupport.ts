import { loadPipewireAddon, type PipewireAddon } from "../../native/loadPipewireAddon.js";
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

/**
 * What DeskPilot still needs to see and control a GNOME or KDE Wayland desktop through its XDG
 * portal: the session bus (where the portal is) and its PipeWire addon (native/pipewire),
 * which reads the screen casts. Empty when nothing is missing; whether the desktop's portal
 * offers ScreenCast and RemoteDesktop shows when a session is first opened.
 */
export function missingForPortal(env: NodeJS.ProcessEnv = process.env, addon: () => PipewireAddon | string = loadPipewireAddon): string[] {
  const missing: string[] = [];
  if (!env["DBUS_SESSION_BUS_ADDRESS"]) missing.push("a D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set: start DeskPilot from the desktop session)");
  const loaded = addon();
  if (typeof loaded === "string") missing.push(`DeskPilot's PipeWire addon (${loaded})`);
  return missing;
}
