import { fileURLToPath } from "node:url";
import type { ForkOptions } from "electron";
import type { HostChannel, SpawnHost } from "../../agent/vision/HostChannel.js";
import type { HostReply, HostRequest } from "../../agent/vision/hostProtocol.js";

/** Electron's UtilityProcess as the adapter uses it (a fake stands in for tests). */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: "spawn", listener: () => void): unknown;
  on(event: "message", listener: (message: HostReply) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
  on(event: "error", listener: (type: string, location: string) => void): unknown;
  kill(): boolean;
}

export type ForkUtility = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcessLike;

/** How long a killed host may take to end before it is killed by pid. */
const KILL_GRACE_MS = 2000;

/**
 * The vision engine's host (agent/vision/engineHost.js) in an Electron utilityProcess instead of a
 * Node child: Electron's own child process type, which needs no separate Node binary in the
 * packaged app. Requests sent before the process has spawned wait for it; after it ends they are
 * dropped (EngineHostProcess has rejected them already). `kill()` asks politely (SIGTERM), then,
 * since a host stuck in llama.cpp may not answer, kills the pid.
 */
export function utilityProcessHost(
  fork: ForkUtility,
  platform: NodeJS.Platform = process.platform,
  killPid: (pid: number) => void = (pid) => process.kill(pid, "SIGKILL"),
): SpawnHost {
  return (entry: URL): HostChannel => {
    const child = fork(fileURLToPath(entry), [], {
      serviceName: "DeskPilot vision engine",
      stdio: "inherit",
      // macOS: launch through the plugin helper, which may load llama.cpp's and the addon's dylibs signed by others.
      ...(platform === "darwin" ? { allowLoadingUnsignedLibraries: true } : {}),
    });
    let spawned = false;
    let ended = false;
    let killed = false;
    let lastPid: number | undefined;
    let fatal: string | undefined;
    const queue: HostRequest[] = [];
    const exitListeners: ((how: string) => void)[] = [];
    child.on("spawn", () => {
      spawned = true;
      lastPid = child.pid;
      // Killed before it started: what waited has no one left to answer it.
      if (killed) queue.length = 0;
      for (const message of queue.splice(0)) child.postMessage(message);
    });
    child.on("error", (type, location) => {
      fatal = `${type} at ${location}`;
    });
    child.on("exit", (code) => {
      ended = true;
      queue.length = 0;
      const how = fatal ? `exit code ${code}, ${fatal}` : `exit code ${code}`;
      for (const l of exitListeners) l(how);
    });
    return {
      get pid() {
        return child.pid ?? lastPid;
      },
      send: (message) => {
        if (ended || killed) return;
        if (spawned) child.postMessage(message);
        else queue.push(message);
      },
      onMessage: (listener) => void child.on("message", listener),
      onExit: (listener) => void exitListeners.push(listener),
      kill: () => {
        if (ended) return;
        killed = true;
        queue.length = 0;
        child.kill();
        const pid = child.pid ?? lastPid;
        if (pid === undefined) return;
        const timer = setTimeout(() => {
          if (!ended) {
            try {
              killPid(pid);
            } catch {
              // already gone
            }
          }
        }, KILL_GRACE_MS);
        timer.unref();
      },
    };
  };
}
