import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** A TCP connection of the watched process tree, as the kernel lists it. */
export interface SeenConnection {
  readonly pid: number;
  readonly remote: string;
  readonly loopback: boolean;
}

/**
 * Watches a process and its descendants from outside, the way `ss -tp` does: every few
 * milliseconds it maps the processes' socket file descriptors to the kernel's TCP tables
 * (/proc/<pid>/net/tcp{,6}) and records each connection's remote address. Linux only.
 */
export class SocketWatcher {
  private readonly seen = new Map<string, SeenConnection>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rootPid: number,
    private readonly everyMs = 5,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    return this;
  }

  /** Stops and returns every connection seen. */
  stop(): SeenConnection[] {
    clearInterval(this.timer);
    this.sample();
    return [...this.seen.values()];
  }

  private sample(): void {
    for (const pid of processTree(this.rootPid)) {
      const inodes = socketInodes(pid);
      if (inodes.size === 0) continue;
      for (const [inode, remote] of tcpRemotes(pid)) {
        if (!inodes.has(inode)) continue;
        this.seen.set(`${pid} ${remote}`, { pid, remote, loopback: isLoopbackRemote(remote) });
      }
    }
  }
}

/** Whether the process tree's Linux /proc is readable here. */
export function canWatchSockets(): boolean {
  try {
    readFileSync(`/proc/${process.pid}/net/tcp`, "utf8");
    return true;
  } catch {
    return false;
  }
}

function processTree(root: number): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const task of safe(() => readdirSync(`/proc/${out[i]}/task`), [] as string[])) {
      const children = safe(() => readFileSync(`/proc/${out[i]}/task/${task}/children`, "utf8"), "");
      out.push(...children.split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return out;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of safe(() => readdirSync(`/proc/${pid}/fd`), [] as string[])) {
    const m = /^socket:\[(\d+)\]$/.exec(safe(() => readlinkSync(`/proc/${pid}/fd/${fd}`), ""));
    if (m) inodes.add(m[1]!);
  }
  return inodes;
}

/** inode → remote "addr:port" of connected (not listening) TCP sockets. */
function tcpRemotes(pid: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of ["tcp", "tcp6"]) {
    for (const line of safe(() => readFileSync(`/proc/${pid}/net/${table}`, "utf8"), "")
      .split("\n")
      .slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] === "0A") continue; // 0A: LISTEN
      const [addrHex, portHex] = f[2]!.split(":") as [string, string];
      if (/^0+$/.test(addrHex)) continue;
      out.set(f[9]!, `${decodeAddress(addrHex)}:${parseInt(portHex, 16)}`);
    }
  }
  return out;
}

// /proc prints addresses as 32-bit words in host (little-endian) order.
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) =>
    w
      .match(/../g)!
      .reverse()
      .map((b) => parseInt(b, 16)),
  );
  if (words.length === 1) return words[0]!.join(".");
  const bytes = words.flat();
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) return `::ffff:${bytes.slice(12).join(".")}`;
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

function isLoopbackRemote(remote: string): boolean {
  const addr = remote.slice(0, remote.lastIndexOf(":"));
  return addr.startsWith("127.") || addr.startsWith("::ffff:127.") || addr === "::1";
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
