import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { CoreService } from "../service/DeskPilotService.js";
import type { ServiceEvent } from "../service/ServiceEvents.js";
import { createDispatcher, type Dispatch } from "../service/createDispatcher.js";
import { guardRequest, tokenCookieName } from "./requestGuard.js";
import { staticFile } from "./staticFile.js";

export interface ControlServerOptions {
  readonly service: CoreService;
  /** The built control panel (dist/renderer). */
  readonly panelDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** The user's saved token (serveToken.ts) or a fixed one for tests; otherwise a fresh random one per launch. */
  readonly token?: string;
  /** The token outlives this launch (the user's saved one): the browser keeps its cookie across restarts too. */
  readonly rememberToken?: boolean;
  readonly log?: (message: string) => void;
  /** Events each client gets as it connects: what the service already knows (e.g. permission guidance). */
  readonly greeting?: () => readonly ServiceEvent[];
}

/** What a client sends: one service call. */
interface CallMessage {
  id: number;
  method: string;
  args: unknown[];
}

const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

// 400 days: the longest a browser keeps a cookie; rotating the token ends it sooner.
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/** The panel's address for a server listening on `host`:`port` (a wildcard host is reached on loopback). */
export function panelUrl(host: string, port: number, token: string): string {
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${shown}:${port}/?token=${token}`;
}

/**
 * `deskpilot serve`: the control panel over HTTP and the service over a WebSocket at /ws,
 * both behind the request guard. This server moves the user's mouse, so every request
 * needs the token and our own Host/Origin, even on loopback.
 */
export class ControlServer {
  readonly token: string;
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  private port = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: ControlServerOptions) {
    this.token = options.token ?? randomBytes(24).toString("base64url");
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  /** Starts listening; resolves with the panel's URL (token included). */
  async listen(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(this.options.port ?? 0, host, () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
    this.unsubscribe = this.options.service.onAny((event) => this.broadcast({ event }));
    return panelUrl(host, this.port, this.token);
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://local");
    const refusal = guardRequest(req, url, { token: this.token, port: this.port });
    if (refusal) {
      this.options.log?.(`refused ${req.method} ${url.pathname}: ${refusal.reason}`);
      res.writeHead(refusal.status, { "Content-Type": "text/plain; charset=utf-8", ...SECURITY_HEADERS });
      res.end(`${refusal.reason}\n`);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    if (url.searchParams.has("token")) {
      // Trade the URL's token for a cookie the page's own requests and WebSocket carry, and
      // drop it from the address bar and history.
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: url.pathname,
        "Set-Cookie": `${tokenCookieName(this.port)}=${this.token}; HttpOnly; SameSite=Strict; Path=/${this.options.rememberToken ? `; Max-Age=${COOKIE_MAX_AGE_S}` : ""}`,
      });
      res.end();
      return;
    }
    const file = await staticFile(this.options.panelDir, url.pathname);
    if (!file && url.pathname === "/favicon.ico") {
      res.writeHead(204, SECURITY_HEADERS).end(); // browsers ask for it unprompted
      return;
    }
    if (!file) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", ...SECURITY_HEADERS }).end("not found\n");
      return;
    }
    res.writeHead(200, { "Content-Type": file.type, ...SECURITY_HEADERS });
    res.end(req.method === "HEAD" ? undefined : file.body);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://local");
    const refusal =
      url.pathname === "/ws" ? guardRequest(req, url, { token: this.token, port: this.port }) : { status: 403 as const, reason: "no such endpoint" };
    if (refusal) {
      this.options.log?.(`refused WebSocket ${url.pathname}: ${refusal.reason}`);
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.status === 401 ? "Unauthorized" : "Forbidden"}\r\nConnection: close\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onClient(ws));
  }

  private onClient(ws: WebSocket): void {
    const dispatch = createDispatcher(this.options.service, (m) => this.options.log?.(m));
    for (const event of this.options.greeting?.() ?? []) ws.send(JSON.stringify({ event }, bytesAsBase64));
    ws.on("message", (data, isBinary) => {
      // A reply that cannot be sent (the socket went) is the client's loss, never the server's crash.
      this.answer(ws, dispatch, data, isBinary).catch((error: unknown) => this.options.log?.(`deskpilot: a reply could not be sent: ${String(error)}`));
    });
  }

  private async answer(ws: WebSocket, dispatch: Dispatch, data: RawData, isBinary: boolean): Promise<void> {
    let call: CallMessage;
    try {
      if (isBinary) throw new Error("binary frame");
      call = JSON.parse(String(data)) as CallMessage;
      if (typeof call.id !== "number" || typeof call.method !== "string" || !Array.isArray(call.args)) throw new Error("shape");
    } catch {
      ws.send(JSON.stringify({ id: null, reply: { ok: false, error: { code: "BAD_MESSAGE", message: "Send {id, method, args} as JSON text." } } }));
      return;
    }
    const reply = await dispatch(call.method, call.args);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: call.id, reply }, bytesAsBase64));
  }

  private broadcast(message: unknown): void {
    const text = JSON.stringify(message, bytesAsBase64);
    for (const client of this.wss.clients) if (client.readyState === client.OPEN) client.send(text);
  }
}

/** PNG bytes (Uint8Array/Buffer) travel as {$bytes: base64}; the client turns them back. */
function bytesAsBase64(this: unknown, _key: string, value: unknown): unknown {
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "Buffer" && Array.isArray((value as { data?: unknown }).data)) {
    return { $bytes: Buffer.from((value as { data: number[] }).data).toString("base64") };
  }
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64") };
  return value;
}
