import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ChildMessage } from "../macros/recorder/RawEvent.js";
import { DEFAULT_STOP_KEY, stopKeyMatcher } from "../macros/recorder/stopKeyMatcher.js";

// The macro recorder's hook child: libuiohook aborts its process without a display, so it never runs in ours.
const HOOK_CHILD = fileURLToPath(new URL("../macros/recorder/recordChild.js", import.meta.url));

/**
 * The global emergency-stop hotkey (DESIGN §8): a global keyboard hook in a child process; a press
 * of `key` calls `onStop` even when DeskPilot has no focus. `dispose()` ends the hook.
 */
export class StopHotkey {
  private constructor(private readonly child: ChildProcess) {}

  /** Starts the hook and resolves once it listens; rejects with the reason when it cannot (no display, no RECORD extension). */
  static async start(onStop: (reason: string) => void, key = DEFAULT_STOP_KEY, timeoutMs = 5000): Promise<StopHotkey> {
    const child = spawn(process.execPath, [HOOK_CHILD], { stdio: ["pipe", "pipe", "pipe"], env: process.env });
    const hotkey = new StopHotkey(child);
    const isStop = stopKeyMatcher(key);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the input hook did not start within ${timeoutMs} ms`)), timeoutMs);
        createInterface({ input: child.stdout! }).on("line", (line) => {
          let m: ChildMessage;
          try {
            m = JSON.parse(line) as ChildMessage;
          } catch {
            return;
          }
          if (m.kind === "ready") {
            clearTimeout(timer);
            resolve();
          } else if (m.kind === "error") reject(new Error(m.message));
          else if (m.event.type === "keydown" && isStop(m.event)) onStop(`the stop key (${key}) was pressed`);
        });
        child.once("exit", (code, signal) => reject(new Error(`the input hook process ended (${signal ?? `exit ${code}`})`)));
        child.once("error", reject);
      });
    } catch (error) {
      await hotkey.dispose();
      throw error;
    }
    return hotkey;
  }

  async dispose(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill(), 1000);
    await exited;
    clearTimeout(timer);
  }
}
