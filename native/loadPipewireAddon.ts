import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { nativeRoot } from "./loadVisionAddon.js";

/**
 * deskpilot_pipewire.node (native/pipewire): frames of the screen-cast streams a desktop's
 * ScreenCast portal hands out. Each open stream keeps its newest frame.
 */
export interface PipewireAddon {
  /** Opens PipeWire node `node` (through the portal's descriptor `fd`, else the session's PipeWire daemon); returns a handle. */
  open(node: number, fd?: number): number;
  /** The newest frame once one newer than `newerThan` came, as opaque RGBA at the monitor's own pixels. */
  frame(handle: number, newerThan: number, timeoutMs: number): { data: Buffer; width: number; height: number; sequence: number };
  /** The newest frame's sequence, 0 before the first. */
  sequence(handle: number): number;
  close(handle: number): void;
}

/** Why the addon failed, by its error `code` (native/pipewire/src/PipewireAddon.cpp). */
export type PipewireAddonErrorCode = "NO_PIPEWIRE" | "PIPEWIRE_LOST" | "STREAM_FAILED" | "STREAM_ENDED" | "TIMEOUT" | "UNSUPPORTED_FORMAT" | "NO_STREAM";

let loaded: PipewireAddon | string | undefined;

/** The addon, or a sentence saying why there is none (not built here, not Linux, failed to load). */
export function loadPipewireAddon(): PipewireAddon | string {
  if (loaded !== undefined) return loaded;
  if (process.platform !== "linux") return (loaded = "PipeWire screen casts are Linux-only");
  const path = join(nativeRoot(), "native", "build", "deskpilot_pipewire.node");
  if (!existsSync(path)) return (loaded = "native/build/deskpilot_pipewire.node is not built (`npm run build:native` with libpipewire-0.3-dev)");
  try {
    loaded = createRequire(import.meta.url)(path) as PipewireAddon;
  } catch (error) {
    loaded = `deskpilot_pipewire.node failed to load (${(error as Error).message})`;
  }
  return loaded;
}
