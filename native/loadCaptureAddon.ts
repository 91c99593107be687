import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { nativeRoot } from "./loadVisionAddon.js";

/** deskpilot_capture.node (native/capture): X11 capture over MIT-SHM. */
export interface CaptureAddon {
  /** `width`×`height` opaque RGBA pixels at (`x`, `y`) of the root window of `displayName`; throws an Error with a `code`. */
  grab(displayName: string, x: number, y: number, width: number, height: number): Buffer;
  /** Drops the connection and the shared segment. */
  close(): void;
}

/** Why the addon failed, by its error `code` (native/capture/src/X11ShmCapture.cpp). */
export type CaptureAddonErrorCode = "NO_DISPLAY" | "NO_SHM" | "UNSUPPORTED_VISUAL" | "X_ERROR" | "DISPLAY_LOST";

let loaded: CaptureAddon | string | undefined;

/** The addon, or a sentence saying why there is none (not built here, not Linux, failed to load). */
export function loadCaptureAddon(): CaptureAddon | string {
  if (loaded !== undefined) return loaded;
  if (process.platform !== "linux") return (loaded = "shared-memory capture is X11-only");
  const path = join(nativeRoot(), "native", "build", "deskpilot_capture.node");
  if (!existsSync(path)) return (loaded = "native/build/deskpilot_capture.node is not built (`npm run build:native` with libx11-dev and libxext-dev)");
  try {
    loaded = createRequire(import.meta.url)(path) as CaptureAddon;
  } catch (error) {
    loaded = `deskpilot_capture.node failed to load (${(error as Error).message})`;
  }
  return loaded;
}
