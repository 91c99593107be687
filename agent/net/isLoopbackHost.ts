import { isIP } from "node:net";

/**
 * Whether `host` names this machine's loopback interface without a DNS lookup: `localhost`
 * (and `*.localhost`, RFC 6761), 127.0.0.0/8, ::1 and IPv4-mapped 127.x. Any other name is
 * treated as remote, even one that might resolve to 127.0.0.1: local-only mode never asks DNS.
 */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const v = isIP(h);
  if (v === 4) return h.startsWith("127.");
  if (v === 6) {
    const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (mapped) return mapped[1]!.startsWith("127.");
    return /^(?:0{0,4}:){1,7}:?0{0,3}1$/.test(h) || h === "::1";
  }
  return false;
}

/** The host part of a URL as `isLoopbackHost` expects it. */
export function urlHost(url: string | URL): string {
  return new URL(url).hostname;
}
