import { createServer, type Server, type Socket } from "node:net";
import { networkInterfaces } from "node:os";
import type { AddressInfo } from "node:net";

/** This machine's first non-loopback IPv4 address: remote by every rule, yet reachable without a network. */
export function nonLoopbackAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return undefined;
}

/** A TCP listener on a non-loopback address that counts who connects, and answers any request with a 503. */
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

  constructor(readonly host: string) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, this.host, resolve));
    return `http://${this.host}:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
