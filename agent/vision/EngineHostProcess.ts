import { EngineCrashedError } from "./errors/EngineCrashedError.js";
import { EngineError } from "./errors/EngineError.js";
import type { HostChannel, SpawnHost } from "./HostChannel.js";
import type { HostReply, HostRequest } from "./hostProtocol.js";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onToken?: (text: string) => void;
}

type HostCall = Exclude<HostRequest, { type: "cancel" }>;

/** One engine host child process and its request/reply bookkeeping. Dies alone; never takes the parent down. */
export class EngineHostProcess {
  private readonly child: HostChannel;
  private readonly pending = new Map<number, Pending>();
  private exitInfo: string | undefined;
  private readonly exited: Promise<void>;

  constructor(spawnHost: SpawnHost) {
    this.child = spawnHost(new URL("./engineHost.js", import.meta.url));
    this.child.onMessage((msg: HostReply) => this.route(msg));
    this.exited = new Promise((resolve) => {
      this.child.onExit((how) => {
        this.exitInfo = how;
        const error = new EngineCrashedError(`the vision engine's process ended (${this.exitInfo}) during the request; the next request reloads the model`, {
          how,
        });
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
    if (!this.alive) return Promise.reject(new EngineCrashedError(`the vision engine's process has ended (${this.exitInfo})`, { how: this.exitInfo }));
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, onToken });
      this.child.send(request);
    });
  }

  cancel(id: number): void {
    if (this.alive) this.child.send({ type: "cancel", id } satisfies HostRequest);
  }

  /** Waits up to `ms` for the process to end by itself, then kills it. */
  async stop(ms = 5000): Promise<void> {
    if (!this.alive) return;
    const timer = setTimeout(() => this.child.kill(), ms);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.alive) this.child.kill();
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
