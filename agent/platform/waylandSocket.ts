import { isAbsolute, join } from "node:path";
import { NoDisplayError } from "../errors/NoDisplayError.js";

/** The compositor's socket as a path (libwayland takes one as is), from this environment rather than the process's. */
export function waylandSocket(env: NodeJS.ProcessEnv): string {
  const name = env["WAYLAND_DISPLAY"];
  if (!name) throw new NoDisplayError("WAYLAND_DISPLAY is not set; this needs a Wayland session");
  if (isAbsolute(name)) return name;
  const dir = env["XDG_RUNTIME_DIR"];
  if (!dir) throw new NoDisplayError("XDG_RUNTIME_DIR is not set, so the Wayland compositor's socket cannot be found");
  return join(dir, name);
}
