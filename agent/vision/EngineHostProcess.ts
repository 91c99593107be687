import { fork, type ChildProcess } from "node:child_process";
import { EngineCrashedError } from "./errors/EngineCrashedError.js";
import { EngineError } from "./errors/EngineError.js";
import type { HostReply, HostRequest } from "./hostProtocol.js";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onToken?: (text: string) => void;
}

type HostCall = Exclude<HostRequest, { type: "cancel" }>;

/** One engine host child process and its request/reply bookkeeping. Dies alone; never takes the parent down. */
export class EngineHostProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private exitInfo: string | undefined;
  private readonly exited: Promise<void>;

  constructor() {
    this.child = fork(new URL("./engineHost.js", import.meta.url), [], {
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (msg: HostReply) => this.route(msg));
    this.exited = new Promise((resolve) => {
      this.child.on("exit", (code, signal) => {
        this.exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
        const error = new EngineCrashedError(`the vision engine's process ended (${this.exitInfo}) during the request; the next request reloads the model`);
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  /** Sends a request and resolves with the host's answer; `onToken` gets streamed text. */
  call(request: HostCall, onToken?: (text: string) => void): Promise<unknown> {
    if (!this.alive) return Promise.reject(new EngineCrashedError(`the vision engine's process has ended (${this.exitInfo})`));
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, onToken });
      this.child.send(request);
    });
  }

  cancel(id: number): void {
    if (this.alive && this.child.connected) this.child.send({ type: "cancel", id } satisfies HostRequest);
  }

  /** Waits up to `ms` for the process to end by itself, then kills it. */
  async stop(ms = 5000): Promise<void> {
    if (!this.alive) return;
    const timer = setTimeout(() => this.child.kill("SIGKILL"), ms);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.alive) this.child.kill("SIGKILL");
  }

  private route(msg: HostReply): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === "token") {
      p.onToken?.(msg.text);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === "done") p.resolve(msg.value);
    else p.reject(new EngineError(msg.error.code, msg.error.message));
  }
}
