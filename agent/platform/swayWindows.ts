import { execFile } from "node:child_process";
import type { Rect } from "../geometry/Display.js";

/** A window as the compositor lays it out, in global logical px. */
export interface CompositorWindow {
  readonly title: string;
  readonly rect: Rect;
  /** Shown now (on a visible workspace, not hidden behind a tab). */
  readonly visible: boolean;
}

interface SwayNode {
  readonly type?: string;
  readonly name?: string | null;
  readonly rect?: Rect;
  readonly visible?: boolean;
  readonly pid?: number;
  readonly app_id?: string | null;
  readonly window?: number | null;
  readonly nodes?: readonly SwayNode[];
  readonly floating_nodes?: readonly SwayNode[];
}

/**
 * The application windows in sway's layout tree (`swaymsg -t get_tree`, i3's IPC): every view,
 * tiled or floating, native Wayland (app_id) or X11 (window), with its content rect.
 */
export function parseSwayTree(json: string): CompositorWindow[] {
  const out: CompositorWindow[] = [];
  const walk = (n: SwayNode) => {
    const isView = (n.type === "con" || n.type === "floating_con") && (n.pid !== undefined || n.app_id != null || n.window != null);
    if (isView && n.rect)
      out.push({ title: n.name ?? "", rect: { x: n.rect.x, y: n.rect.y, width: n.rect.width, height: n.rect.height }, visible: n.visible === true });
    for (const c of [...(n.nodes ?? []), ...(n.floating_nodes ?? [])]) walk(c);
  };
  walk(JSON.parse(json) as SwayNode);
  return out;
}

/**
 * sway's windows now, or undefined where this is no sway session (no SWAYSOCK) or sway does not
 * answer. Wayland tells no client where its own window is, so this is how DeskPilot finds its
 * panel's window there.
 */
export function swayWindows(env: NodeJS.ProcessEnv = process.env): Promise<CompositorWindow[] | undefined> {
  if (!env["SWAYSOCK"]) return Promise.resolve(undefined);
  return new Promise((resolve) =>
    execFile("swaymsg", ["-t", "get_tree", "-r"], { env, timeout: 3000, maxBuffer: 1 << 26 }, (error, stdout) => {
      if (error) return resolve(undefined);
      try {
        resolve(parseSwayTree(stdout));
      } catch {
        resolve(undefined);
      }
    }),
  );
}
