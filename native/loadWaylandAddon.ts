import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { nativeRoot } from "./loadVisionAddon.js";

/**
 * deskpilot_wayland.node (native/wayland): capture, pointer and keyboard on a wlroots compositor
 * through its screencopy, xdg-output, virtual-pointer and virtual-keyboard protocols. One
 * connection per process.
 */
export interface WaylandAddon {
  /** Connects to the compositor named like WAYLAND_DISPLAY (kept when already connected to it); true when the connection is new. */
  connect(name: string): boolean;
  /** Each output: its name, place and size in the global logical layout, current mode and scale. */
  listOutputs(): WaylandOutputInfo[];
  /** The output's next frame through screencopy, as opaque RGBA at the output's own pixels. */
  captureOutput(name: string): { data: Buffer; width: number; height: number };
  /** Moves the pointer to (`x`, `y`) of an `xExtent`×`yExtent` frame laid over the whole output layout. */
  pointerMove(x: number, y: number, xExtent: number, yExtent: number): void;
  /** A Linux input button code (BTN_LEFT 0x110, BTN_RIGHT 0x111, BTN_MIDDLE 0x112). */
  pointerButton(button: number, pressed: boolean): void;
  /** Wheel notches: axis 0 vertical, 1 horizontal; positive steps scroll down or right. */
  pointerScroll(axis: 0 | 1, steps: number): void;
  /** An XKB keymap (text format v1) for the virtual keyboard; waits until the compositor has it. */
  keymap(text: string): void;
  /** An evdev keycode of the current keymap (its XKB keycode − 8). */
  key(keycode: number, pressed: boolean): void;
  /** The held modifiers' mask in the current keymap. */
  modifiers(depressed: number): void;
  /** Returns once the compositor has handled every event sent so far. */
  sync(): void;
  /** Removes the virtual devices and disconnects. */
  close(): void;
}

/** One output as the compositor describes it. */
export interface WaylandOutputInfo {
  readonly name: string;
  /** Place and size in the global logical layout. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The current mode, in device pixels. */
  readonly modeWidth: number;
  readonly modeHeight: number;
  /** wl_output's integer scale (a fractional scale shows only in the mode over the logical size). */
  readonly scale: number;
}

/** Why the addon failed, by its error `code` (native/wayland/src/WaylandAddon.cpp). */
export type WaylandAddonErrorCode =
  | "NO_DISPLAY"
  | "NO_VIRTUAL_POINTER"
  | "NO_VIRTUAL_KEYBOARD"
  | "NOT_CONNECTED"
  | "PROTOCOL_ERROR"
  | "DISPLAY_LOST"
  | "TIMEOUT"
  | "NO_SCREENCOPY"
  | "NO_OUTPUT"
  | "CAPTURE_FAILED";

let loaded: WaylandAddon | string | undefined;

/** The addon, or a sentence saying why there is none (not built here, not Linux, failed to load). */
export function loadWaylandAddon(): WaylandAddon | string {
  if (loaded !== undefined) return loaded;
  if (process.platform !== "linux") return (loaded = "Wayland capture and input are Linux-only");
  const path = join(nativeRoot(), "native", "build", "deskpilot_wayland.node");
  if (!existsSync(path)) return (loaded = "native/build/deskpilot_wayland.node is not built (`npm run build:native` with libwayland-dev)");
  try {
    loaded = createRequire(import.meta.url)(path) as WaylandAddon;
  } catch (error) {
    loaded = `deskpilot_wayland.node failed to load (${(error as Error).message})`;
  }
  return loaded;
}
