import { Window } from "node-screenshots";
import type { TargetInfo, TargetInspector } from "./TargetInfo.js";

/**
 * Names the application an action lands in: the topmost window holding the action's point, or
 * the focused window for typing and keys. Window geometry is in physical pixels on X11.
 */
export class WindowAppInspector implements TargetInspector {
  async inspect(request: Parameters<TargetInspector["inspect"]>[0]): Promise<TargetInfo> {
    const windows = Window.all().filter((w) => !w.isMinimized());
    const d = request.capture.display;
    const p = request.point;
    const hit =
      p && request.action.action !== "type" && request.action.action !== "key"
        ? windows
            .filter((w) => {
              const x = (p.x - d.x) * d.scaleFactor + d.x;
              const y = (p.y - d.y) * d.scaleFactor + d.y;
              return x >= w.x() && x < w.x() + w.width() && y >= w.y() && y < w.y() + w.height();
            })
            .sort((a, b) => b.z() - a.z())[0]
        : windows.find((w) => w.isFocused());
    const app = hit?.appName();
    return app ? { app } : {};
  }
}
