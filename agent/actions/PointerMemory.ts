import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Point } from "../geometry/Display.js";

/**
 * Where DeskPilot last put the pointer on a Wayland desktop, which tells no client where the
 * pointer is. Kept in the session's runtime folder, one file per compositor socket, so that one
 * `deskpilot act` can drag from where the one before moved; a process keeps its own copy too.
 */
export class PointerMemory {
  private last: Point | undefined;
  private readonly file: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const socket = (env["WAYLAND_DISPLAY"] ?? "wayland").replace(/[^\w.-]/g, "_");
    this.file = join(env["XDG_RUNTIME_DIR"] || tmpdir(), `deskpilot-pointer-${socket}.json`);
  }

  read(): Point | undefined {
    if (this.last) return this.last;
    try {
      const p = JSON.parse(readFileSync(this.file, "utf8")) as Partial<Point>;
      if (typeof p.x === "number" && typeof p.y === "number" && Number.isFinite(p.x) && Number.isFinite(p.y)) return (this.last = { x: p.x, y: p.y });
    } catch {
      // none yet, or unreadable: unknown
    }
    return undefined;
  }

  write(p: Point): void {
    this.last = { x: p.x, y: p.y };
    try {
      writeFileSync(this.file, JSON.stringify(this.last));
    } catch {
      // a read-only runtime folder only costs the next process the position
    }
  }
}
