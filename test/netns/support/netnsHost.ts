// A test host of our own: a Linux network namespace this test run creates (and removes), joined to
// this machine by a veth pair on a private /30. An address inside it is "remote" by every rule the
// agent applies, yet traffic to it never leaves this machine and never reaches any address outside
// the namespace (not even this machine's own interfaces).
import { execFileSync, spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync } from "node:fs";
import type { Readable, Writable } from "node:stream";

const IP = "/usr/sbin/ip";

/** Why a namespace host cannot be made here (a skip reason), or undefined when it can. */
export function netnsHostMissing(): string | undefined {
  const ip = existsSync(IP) ? IP : undefined;
  const root = process.getuid?.() === 0;
  if (ip && root && process.platform === "linux") return undefined;
  const why = [!ip && `${IP} not found`, !root && "not running as root", process.platform !== "linux" && "not Linux"].filter(Boolean).join(", ");
  return `needs root and iproute2 for a network-namespace test host (${why})`;
}

function ip(...args: string[]): string {
  return execFileSync(IP, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function ipQuiet(...args: string[]): void {
  try {
    ip(...args);
  } catch {
    // already gone
  }
}

/** Removes namespaces (and host-side veths) that earlier test processes left behind when they were killed. */
function removeStale(): void {
  const names = ip("netns", "list")
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[0] ?? "");
  for (const name of names) {
    const m = /^dp(\d+)-(\d+)$/.exec(name);
    if (!m || existsSync(`/proc/${m[1]}`)) continue;
    ipQuiet("netns", "del", name);
    ipQuiet("link", "del", `dpv${m[1]}-${m[2]}a`);
  }
}

/** A third octet for 10.199.<n>.0/30 that no interface here uses yet. */
function freeSubnet(): number {
  const used = new Set([...ip("-4", "-o", "addr", "show").matchAll(/inet 10\.199\.(\d+)\./g)].map((m) => Number(m[1])));
  for (let i = 0; i < 254; i++) {
    const n = ((process.pid + i) % 254) + 1;
    if (!used.has(n)) return n;
  }
  throw new Error("no free 10.199.<n>.0/30 subnet for a namespace test host");
}

let made = 0;
const live = new Set<NetnsHost>();
process.on("exit", () => {
  for (const host of live) host.removeSync();
});

/** A network namespace with one veth link to this machine: host side 10.199.<n>.1, namespace side 10.199.<n>.2. */
export class NetnsHost {
  readonly name: string;
  readonly hostIf: string;
  readonly nsIf: string;
  readonly subnet: number;
  readonly hostAddress: string;
  /** The namespace's address: the only non-loopback address a test may target. */
  readonly address: string;
  private readonly children = new Set<ChildProcessByStdio<Writable, Readable, Readable>>();

  constructor() {
    const tag = `${process.pid}-${made++}`; // names stay within IFNAMSIZ (15): "dpv4194304-12a"
    this.name = `dp${tag}`;
    this.hostIf = `dpv${tag}a`;
    this.nsIf = `dpv${tag}b`;
    removeStale();
    this.subnet = freeSubnet();
    this.hostAddress = `10.199.${this.subnet}.1`;
    this.address = `10.199.${this.subnet}.2`;
    live.add(this);
    try {
      ip("netns", "add", this.name);
      ip("link", "add", this.hostIf, "type", "veth", "peer", "name", this.nsIf);
      ip("link", "set", this.nsIf, "netns", this.name);
      ip("addr", "add", `${this.hostAddress}/30`, "dev", this.hostIf);
      ip("link", "set", this.hostIf, "up");
      ip("-n", this.name, "addr", "add", `${this.address}/30`, "dev", this.nsIf);
      ip("-n", this.name, "link", "set", this.nsIf, "up");
      ip("-n", this.name, "link", "set", "lo", "up");
    } catch (e) {
      this.removeSync();
      const err = e as Error & { stderr?: string };
      throw new Error(`could not set up the namespace test host ${this.name}: ${err.stderr?.trim() || err.message}`, { cause: e });
    }
  }

  /** Starts `argv` inside the namespace, with pipes for stdin, stdout and stderr. */
  spawn(argv: string[]): ChildProcessByStdio<Writable, Readable, Readable> {
    const child = spawn(IP, ["netns", "exec", this.name, ...argv], { stdio: ["pipe", "pipe", "pipe"] });
    this.children.add(child);
    child.on("exit", () => this.children.delete(child));
    return child;
  }

  /** Stops what runs inside, then deletes the namespace and the host side of the veth. */
  async remove(): Promise<void> {
    await Promise.all(
      [...this.children].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const timer = setTimeout(() => c.kill("SIGKILL"), 2_000);
            c.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            c.kill("SIGTERM");
          }),
      ),
    );
    this.removeSync();
  }

  removeSync(): void {
    for (const c of this.children) c.kill("SIGKILL");
    ipQuiet("netns", "del", this.name);
    ipQuiet("link", "del", this.hostIf); // gone with its peer already, unless the move into the namespace failed
    live.delete(this);
  }
}
