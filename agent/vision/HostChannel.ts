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

/** The default: `child_process.fork` with structured-clone IPC (RGB buffers pass as typed arrays). */
export const forkHost: SpawnHost = (entry) => channelOf(fork(entry, [], { serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] }));

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
