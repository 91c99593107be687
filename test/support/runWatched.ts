import { spawn } from "node:child_process";
import { BIN } from "./cli.js";
import { SocketWatcher, type SeenConnection } from "./watchSockets.js";

export interface WatchedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly connections: SeenConnection[];
}

/** Runs `deskpilot ...args` in its own process while a SocketWatcher lists its (and its children's) TCP connections. */
export function runWatched(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<WatchedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    const watcher = new SocketWatcher(child.pid!).start();
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, connections: watcher.stop() });
    });
  });
}
