import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ChildMessage, RawEvent } from "./RawEvent.js";

// libuiohook aborts or hangs its process without a usable display, so it never runs in ours.
const HOOK_CHILD = fileURLToPath(new URL("./inputHookChild.js", import.meta.url));

export interface GlobalInputHookOptions {
  /** Every global mouse and keyboard event, in the OS's native input space. */
  readonly onEvent: (event: RawEvent) => void;
  /** Called once when the hook process ends, on its own or through dispose(). */
  readonly onExit?: () => void;
  /** Give up when the hook has not started by then (default: wait for it). */
  readonly timeoutMs?: number;
}

/**
 * The global input hook (uiohook-napi) in its child process, and its line protocol, for every
 * feature that watches global input: the stop key (StopHotkey) and the macro recorder. `start`
 * resolves once the hook listens and rejects with the reason when it cannot: the child's own
 * error, libuiohook's failure line on stderr (after which it hangs), its exit, or the timeout.
 */
export class GlobalInputHook {
  private constructor(private readonly child: ChildProcess) {}

  static async start(options: GlobalInputHookOptions): Promise<GlobalInputHook> {
    const child = spawn(process.execPath, [HOOK_CHILD], { stdio: ["pipe", "pipe", "pipe"], env: process.env });
    const hook = new GlobalInputHook(child);
    let stderr = "";
    try {
      await new Promise<void>((resolve, reject) => {
        const timer =
          options.timeoutMs === undefined
            ? undefined
            : setTimeout(() => reject(new Error(`the input hook did not start within ${options.timeoutMs} ms`)), options.timeoutMs);
        const settle = (error?: Error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        child.stderr.on("data", (b: Buffer) => {
          stderr = (stderr + b.toString()).slice(-2000);
          // libuiohook's own report, e.g. "xrecord_start [1024]: XOpenDisplay failure!", and then it hangs.
          const fatal = stderr.split("\n").find((l) => /failure|unavailable|failed/i.test(l));
          if (fatal) settle(new Error(`the input hook could not start (${fatal.trim()})`));
        });
        createInterface({ input: child.stdout }).on("line", (line) => {
          let m: ChildMessage;
          try {
            m = JSON.parse(line) as ChildMessage;
          } catch {
            return;
          }
          if (m.kind === "ready") settle();
          else if (m.kind === "error") settle(new Error(m.message));
          else options.onEvent(m.event);
        });
        child.once("exit", (code, signal) => {
          settle(new Error(`the input hook process ended (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim().split("\n").at(-1)}` : ""}`));
          options.onExit?.();
        });
        child.once("error", (e) => settle(e));
      });
    } catch (error) {
      await hook.dispose();
      throw error;
    }
    return hook;
  }

  /** Idempotent: closes the child's stdin (it stops its hook and exits), and kills it if it has not within `killAfterMs`. */
  async dispose(killAfterMs = 2000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), killAfterMs);
    await exited;
    clearTimeout(timer);
  }
}
