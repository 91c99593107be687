import { fork, type ChildProcess } from "node:child_process";
import type { HostReply, HostRequest } from "./hostProtocol.js";

/**
 * How the engine host process is started and talked to: a Node child process by default; the
 * Electron app passes one over `utilityProcess.fork` (agent/ never imports electron).
 */
export interface HostChannel {
  readonly pid: number | undefined;
  send(message: HostRequest): void;
  onMessage(listener: (message: HostReply) => void): void;
  /** Called once when the process ends, with e.g. "signal SIGKILL" or "exit code 1". */
  onExit(listener: (how: string) => void): void;
  kill(): void;
}

/** Starts the host script at `entry` (dist/agent/vision/engineHost.js). */
export type SpawnHost = (entry: URL) => HostChannel;

const forkEntry = (entry: URL) => fork(entry, [], { serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });

/** The default host script, beside this module in dist/agent/vision/. */
export const ENGINE_HOST_ENTRY = new URL("./engineHost.js", import.meta.url);

let early: { entry: string; child: ChildProcess; expire: NodeJS.Timeout } | undefined;

/** How long an early host waits to be taken before it is ended. */
const EARLY_HOST_WAIT_MS = 30_000;

/**
 * Starts the default engine host now, before the caller knows it will need one, so Node's start
 * and the addon's load in the host overlap the caller's own start-up (a CLI command imports its
 * modules and reads the model headers meanwhile). The next `forkHost` of that script takes it.
 * Until taken it holds nothing: the child and its channel are unref'd, so a process that never
 * asks for a model exits as if it had not started one, and the host exits when its parent goes.
 * Returns the host's pid.
 */
export function startEngineHostEarly(entry: URL = ENGINE_HOST_ENTRY): number | undefined {
  if (early) return early.child.pid;
  const child = forkEntry(entry);
  child.unref();
  child.channel?.unref();
  // one nobody takes soon (a usage error, a remote model after all) is not kept for a long run
  const expire = setTimeout(() => {
    if (early?.child === child) early = undefined;
    child.kill();
  }, EARLY_HOST_WAIT_MS);
  expire.unref();
  child.once("exit", () => {
    if (early?.child === child) early = undefined;
  });
  early = { entry: entry.href, child, expire };
  return child.pid;
}

/** The default: `child_process.fork` with structured-clone IPC (RGB buffers pass as typed arrays); an early host when one waits. */
export const forkHost: SpawnHost = (entry) => {
  const waiting = early?.entry === entry.href ? early : undefined;
  if (!waiting) return channelOf(forkEntry(entry));
  early = undefined;
  clearTimeout(waiting.expire);
  const ready = waiting.child;
  if (!ready.connected || ready.exitCode !== null || ready.signalCode !== null) {
    ready.kill();
    return channelOf(forkEntry(entry));
  }
  ready.ref();
  ready.channel?.ref();
  return channelOf(ready);
};

/** The HostChannel over a forked Node child (IPC channel open). */
export function channelOf(child: ChildProcess): HostChannel {
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on("message", listener),
    onExit: (listener) => child.on("exit", (code, signal) => listener(signal ? `signal ${signal}` : `exit code ${code}`)),
    kill: () => child.kill("SIGKILL"),
  };
}
