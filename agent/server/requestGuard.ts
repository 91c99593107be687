import type { IncomingMessage } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/** Why a request was refused, or null when it may proceed. */
export type Refusal = { status: 401 | 403; reason: string } | null;

export interface GuardOptions {
  readonly token: string;
  readonly port: number;
}

export const tokenCookieName = (port: number) => `deskpilot_token_${port}`;

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A Host header names us only as an IP literal or "localhost", on our port: a DNS name
 * pointing at this machine is how a rebinding attack gets a web page's requests here.
 */
export function hostIsOurs(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:]+):(\d+)$/.exec(host);
  if (!m || Number(m[2]) !== port) return false;
  const name = m[1]!.replace(/^\[|\]$/g, "");
  return name.toLowerCase() === "localhost" || isIP(name) !== 0;
}

/** The token a request carries: query `token`, our cookie, or `Authorization: Bearer`. */
export function presentedToken(req: IncomingMessage, url: URL, port: number): string | undefined {
  const q = url.searchParams.get("token");
  if (q) return q;
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7);
  const name = tokenCookieName(port);
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

/**
 * Every HTTP request and WebSocket upgrade passes here: our Host, an Origin (when the
 * client is a browser) that is our own page, and the token. Loopback is no
 * exemption: any web page the user visits can reach 127.0.0.1.
 */
export function guardRequest(req: IncomingMessage, url: URL, options: GuardOptions): Refusal {
  if (!hostIsOurs(req.headers.host, options.port)) {
    return { status: 403, reason: "Host header is not this server's address (possible DNS rebinding)" };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) {
    return { status: 403, reason: `cross-origin request from ${origin.slice(0, 100)}` };
  }
  const token = presentedToken(req, url, options.port);
  if (!token || !sameSecret(token, options.token)) {
    return { status: 401, reason: "missing or wrong token: open the URL `deskpilot serve` printed (`deskpilot serve --print-url` prints it again)" };
  }
  return null;
}
