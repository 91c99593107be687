// Local-only enforcement in one place (docs/design.md §8). Every TCP/TLS connection a Node process opens
// (http, https, fetch/undici, ipull, WebSocket clients) ends in net.Socket.prototype.connect, so
// the guard sits there: callers cannot forget it. Unix sockets and loopback always pass.
import { AsyncLocalStorage } from "node:async_hooks";
import net from "node:net";
import { isLoopbackHost } from "./isLoopbackHost.js";
import { LocalOnlyError } from "./LocalOnlyError.js";

/** Where the guard asks whether local-only mode is on (read at every connection, so a settings change applies at once). */
export interface NetworkPolicy {
  localOnly(): boolean;
}

/** A connection the guard saw: for logs and tests. */
export interface ConnectionRecord {
  readonly host: string;
  readonly port: number | undefined;
  readonly allowed: boolean;
  readonly reason: "loopback" | "unix-socket" | "local-only-off" | "user-download" | "refused";
}

const userStarted = new AsyncLocalStorage<string>();
let policy: NetworkPolicy = { localOnly: () => true };
let installed = false;
const listeners = new Set<(record: ConnectionRecord) => void>();

/** Decides one connection; pure apart from the policy and the async context. */
export function decideConnection(host: string, port?: number, path?: string): ConnectionRecord {
  if (path !== undefined) return { host: path, port, allowed: true, reason: "unix-socket" };
  if (isLoopbackHost(host)) return { host, port, allowed: true, reason: "loopback" };
  if (!policy.localOnly()) return { host, port, allowed: true, reason: "local-only-off" };
  if (userStarted.getStore() !== undefined) return { host, port, allowed: true, reason: "user-download" };
  return { host, port, allowed: false, reason: "refused" };
}

/** Throws LocalOnlyError now, before any socket, when `url` would be refused (a clear message for endpoints). */
export function assertUrlAllowed(url: string | URL, purpose: string): void {
  const u = new URL(url);
  const record = decideConnection(u.hostname);
  if (!record.allowed) throw new LocalOnlyError(u.host, purpose);
}

/** Runs `work` as a download the user started: remote hosts are allowed inside it even in local-only mode. */
export function withUserDownload<T>(description: string, work: () => Promise<T>): Promise<T> {
  return userStarted.run(description, work);
}

/** Sets the policy and patches net.Socket once per process. Idempotent; the last policy wins. */
export function installNetworkGuard(next: NetworkPolicy): void {
  policy = next;
  if (installed) return;
  installed = true;
  const original = net.Socket.prototype.connect;
  // connect's overloads (options | port, host | path | internal normalized array) are read loosely here.
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const { host, port, path } = connectTarget(args);
    const record = decideConnection(host, port, path);
    for (const listener of listeners) listener(record);
    if (!record.allowed) {
      const error = new LocalOnlyError(port === undefined ? host : `${host}:${port}`, "outbound connection");
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
}

/** Watches every connection decision; returns the function that stops watching. */
export function onConnection(listener: (record: ConnectionRecord) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function connectTarget(args: unknown[]): { host: string; port: number | undefined; path: string | undefined } {
  // net.connect() hands Socket#connect an already-normalized [options, callback] array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === "object" && first !== null) {
    const o = first as { host?: string; port?: number | string; path?: string };
    if (typeof o.path === "string") return { host: "", port: undefined, path: o.path };
    return { host: o.host ?? "localhost", port: o.port === undefined ? undefined : Number(o.port), path: undefined };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { host: "", port: undefined, path: first };
  const host = typeof args[1] === "string" ? args[1] : "localhost";
  return { host, port: first === undefined ? undefined : Number(first), path: undefined };
}
