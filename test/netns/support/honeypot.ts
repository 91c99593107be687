import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { isLoopbackHost } from "../../../agent/net/isLoopbackHost.js";
import { NetnsHost } from "./netnsHost.js";

/** A TCP listener on loopback that counts who connects, and answers any request with a 503. */
export class Honeypot {
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((socket: Socket) => {
    this.connections++;
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.end("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });

  constructor(readonly host: string) {
    // Test traffic goes to loopback or to a namespace the test made (NamespacedHoneypot), nowhere else.
    if (!isLoopbackHost(host)) throw new Error(`Honeypot listens on loopback only, not ${host}: use NamespacedHoneypot`);
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, this.host, resolve));
    return `http://${this.host}:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// Runs inside the namespace: listens on the address given, prints "port <n>", then "connection" for each
// accepted connection; on stdin "count" it prints "count <n>" and on "reset" it zeroes the count.
// It exits when stdin closes, so it never outlives the test process.
const SERVER = `
const net = require("node:net");
const readline = require("node:readline");
let connections = 0;
const sockets = new Set();
const server = net.createServer((socket) => {
  connections++;
  process.stdout.write("connection\\n");
  sockets.add(socket);
  socket.on("close", () => sockets.delete(socket));
  socket.on("error", () => undefined);
  socket.end("HTTP/1.1 503 Service Unavailable\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n");
});
server.listen(0, process.argv[1], () => process.stdout.write("port " + server.address().port + "\\n"));
const quit = () => { for (const s of sockets) s.destroy(); server.close(); process.exit(0); };
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "reset") connections = 0;
  if (line === "count" || line === "reset") process.stdout.write("count " + connections + "\\n");
}).on("close", quit);
process.on("SIGTERM", quit);
`;

/**
 * The same listener, run as a child process inside a network namespace this test creates: its
 * address (10.199.<n>.2) is not on this machine, so every local-only rule treats it as remote,
 * yet nothing outside the namespace is ever a target. `close()` stops it and removes the namespace.
 */
export class NamespacedHoneypot {
  private readonly netns = new NetnsHost();
  private readonly pending: Array<(count: number) => void> = [];
  private server: ReturnType<NetnsHost["spawn"]> | undefined;
  private stderr = "";

  get address(): string {
    return this.netns.address;
  }

  async start(): Promise<string> {
    try {
      const child = (this.server = this.netns.spawn([process.execPath, "-e", SERVER, this.netns.address]));
      child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
      const lines = createInterface({ input: child.stdout });
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the namespace honeypot did not start in 10 s: ${this.stderr}`)), 10_000);
        child.once("exit", (code) => reject(new Error(`the namespace honeypot exited (${code}): ${this.stderr}`)));
        lines.on("line", (line) => {
          const m = /^(port|count) (\d+)$/.exec(line);
          if (m?.[1] === "port") {
            clearTimeout(timer);
            resolve(Number(m[2]));
          } else if (m?.[1] === "count") this.pending.shift()?.(Number(m[2]));
        });
      });
      return `http://${this.netns.address}:${port}`;
    } catch (e) {
      await this.netns.remove();
      throw e;
    }
  }

  /** How many connections reached the listener. Asked of the child, so every connection a finished request made is counted. */
  connections(): Promise<number> {
    return this.ask("count");
  }

  async resetConnections(): Promise<void> {
    await this.ask("reset");
  }

  private ask(line: "count" | "reset"): Promise<number> {
    const child = this.server;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return Promise.reject(new Error(`the namespace honeypot is not running: ${this.stderr}`));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the namespace honeypot did not answer "${line}": ${this.stderr}`)), 5_000);
      this.pending.push((n) => {
        clearTimeout(timer);
        resolve(n);
      });
      child.stdin.write(`${line}\n`);
    });
  }

  close(): Promise<void> {
    return this.netns.remove();
  }
}
