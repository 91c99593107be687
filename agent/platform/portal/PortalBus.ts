import { createRequire } from "node:module";
import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** A D-Bus value as the bus library writes it: [signature, value] for a variant. */
export type Variant = readonly [string, unknown];
/** a{sv}: options and results. */
export type VardictEntries = ReadonlyArray<readonly [string, Variant]>;

interface BusMessage {
  readonly type: number;
  readonly path?: string;
  readonly interface?: string;
  readonly member?: string;
  readonly body?: unknown[];
}
interface NativeBus {
  name?: string;
  connection: {
    stream: { ref(): void; unref(): void };
    on(event: "message", f: (m: BusMessage) => void): void;
    on(event: "error", f: (e: Error) => void): void;
    end(): void;
  };
  invoke(message: object, callback: (error: { name: string; message: string } | null, ...values: unknown[]) => void): void;
  addMatch(rule: string, callback: (error: unknown) => void): void;
}

const PORTAL = "org.freedesktop.portal.Desktop";
const PORTAL_PATH = "/org/freedesktop/portal/desktop";
const SIGNAL = 4;

/** The portal answered a request other than "done": the user cancelled (1) or it failed (2). */
export class PortalResponseError extends DeskPilotError {
  constructor(
    readonly response: number,
    what: string,
  ) {
    super(
      response === 1 ? "PORTAL_CANCELLED" : "PORTAL_FAILED",
      response === 1
        ? `The desktop's sharing dialog was cancelled (${what}): DeskPilot can neither see nor act without it. Run again and choose Share` +
            ' (with "Allow remote interaction" on, for DeskPilot to act).'
        : `The desktop's portal could not ${what}; its log (journalctl --user -u xdg-desktop-portal) says why.`,
    );
  }
}

/** A variant's value: the bus library hands variants out as [[signature tree], [value]]. */
export function unwrap(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 2 && Array.isArray(v[0]) && Array.isArray(v[1]) && typeof (v[0][0] as { type?: unknown })?.type === "string")
    return v[1][0];
  return v;
}

/** a{sv} as read from the bus, as a map of unwrapped values. */
export function vardict(entries: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  if (Array.isArray(entries)) for (const e of entries) if (Array.isArray(e) && typeof e[0] === "string") map.set(e[0], unwrap(e[1]));
  return map;
}

/**
 * A connection to the session bus, speaking to the XDG desktop portal
 * (org.freedesktop.portal.Desktop): method calls, and requests answered by a Response signal
 * on their Request object, as the portal API defines them.
 */
export class PortalBus {
  private tokens = 0;
  private readonly waiting = new Map<string, (response: number, results: Map<string, unknown>) => void>();
  private closed: Error | undefined;
  private busy = 0;

  private constructor(private readonly bus: NativeBus) {
    bus.connection.on("message", (m) => {
      if (m.type !== SIGNAL || m.member !== "Response" || m.interface !== "org.freedesktop.portal.Request" || !m.path) return;
      const answer = this.waiting.get(m.path);
      if (!answer) return;
      this.waiting.delete(m.path);
      answer(Number(m.body?.[0] ?? 2), vardict(m.body?.[1]));
    });
    bus.connection.on("error", (error) => {
      this.closed = error;
      for (const answer of this.waiting.values()) answer(2, new Map());
      this.waiting.clear();
    });
  }

  /** Connects to the session bus named by DBUS_SESSION_BUS_ADDRESS. */
  static async connect(env: NodeJS.ProcessEnv = process.env): Promise<PortalBus> {
    const address = env["DBUS_SESSION_BUS_ADDRESS"];
    if (!address)
      throw new DeskPilotError(
        "NO_PORTAL",
        "DBUS_SESSION_BUS_ADDRESS is not set: the desktop portal is reached over the session's D-Bus; run DeskPilot from inside the desktop session",
      );
    if (/(^|;)unix:abstract=/.test(address) && !/unix:path=/.test(address))
      throw new DeskPilotError(
        "NO_PORTAL",
        `the session bus is on an abstract socket (${address}), which DeskPilot cannot open; start the session with a bus at a path (systemd's user bus: unix:path=$XDG_RUNTIME_DIR/bus)`,
      );
    const dbus = createRequire(import.meta.url)("@homebridge/dbus-native") as { sessionBus(o: { busAddress: string }): NativeBus };
    const native = dbus.sessionBus({ busAddress: address });
    const bus = new PortalBus(native);
    await new Promise<void>((resolve, reject) => {
      native.connection.on("error", (e) => reject(new DeskPilotError("NO_PORTAL", `cannot reach the session bus at ${address}: ${e.message}`)));
      native.addMatch("type='signal',interface='org.freedesktop.portal.Request',member='Response'", (error) =>
        error ? reject(new DeskPilotError("NO_PORTAL", `the session bus refused DeskPilot's signal match: ${String(error)}`)) : resolve(),
      );
    });
    bus.idle();
    return bus;
  }

  /**
   * Holds the process open while a call or request awaits its answer (a consent dialog may take
   * a person minutes), and never otherwise: an idle session must not keep a finished CLI command alive.
   */
  private async holding<T>(f: () => Promise<T>): Promise<T> {
    if (this.busy++ === 0) this.bus.connection.stream.ref();
    try {
      return await f();
    } finally {
      if (--this.busy === 0) this.idle();
    }
  }

  private idle(): void {
    this.bus.connection.stream.unref();
  }

  /** A method call on the portal; resolves to the reply's values. */
  call(iface: string, member: string, signature = "", body: readonly unknown[] = [], path = PORTAL_PATH): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new DeskPilotError("NO_PORTAL", `the session bus connection broke: ${this.closed.message}`));
    return this.holding(
      () =>
        new Promise((resolve, reject) =>
          this.bus.invoke({ destination: PORTAL, path, interface: iface, member, ...(signature ? { signature, body } : {}) }, (error, ...values) =>
            error ? reject(portalCallError(iface, member, error)) : resolve(values),
          ),
        ),
    );
  }

  /** The `version` property of a portal interface; 0 where the desktop's portal lacks the interface. */
  async version(iface: string): Promise<number> {
    try {
      const [v] = await this.call("org.freedesktop.DBus.Properties", "Get", "ss", [iface, "version"]);
      return Number(unwrap(v)) || 0;
    } catch (error) {
      if ((error as DeskPilotError).code === "NO_PORTAL") throw error;
      return 0;
    }
  }

  /**
   * A portal request: the call, then its Response. `options` gain the handle_token that names
   * the Request object, subscribed to before the call so no answer is missed.
   */
  async request(
    iface: string,
    member: string,
    signature: string,
    args: readonly unknown[],
    options: VardictEntries,
    what: string,
  ): Promise<Map<string, unknown>> {
    const token = `deskpilot${process.pid}_${++this.tokens}`;
    const sender = (this.bus.name ?? "").replace(/^:/, "").replace(/\./g, "_");
    const path = `${PORTAL_PATH}/request/${sender}/${token}`;
    const answered = new Promise<{ response: number; results: Map<string, unknown> }>((resolve) =>
      this.waiting.set(path, (response, results) => resolve({ response, results })),
    );
    try {
      await this.call(iface, member, signature, [...args, [["handle_token", ["s", token]], ...options]]);
    } catch (error) {
      this.waiting.delete(path);
      throw error;
    }
    const { response, results } = await this.holding(() => answered);
    if (response !== 0) throw new PortalResponseError(response, what);
    return results;
  }

  close(): void {
    this.closed ??= new Error("closed");
    this.bus.connection.end();
  }
}

function portalCallError(iface: string, member: string, error: { name: string; message: string }): DeskPilotError {
  if (
    error.name === "org.freedesktop.DBus.Error.ServiceUnknown" ||
    error.name === "org.freedesktop.DBus.Error.UnknownInterface" ||
    error.name === "org.freedesktop.DBus.Error.UnknownMethod"
  )
    return new DeskPilotError(
      "NO_PORTAL",
      `this desktop's portal does not offer ${iface}.${member} (${error.name}); install the desktop's portal backend (GNOME: xdg-desktop-portal-gnome; KDE: xdg-desktop-portal-kde)`,
    );
  return new DeskPilotError("PORTAL_FAILED", `the desktop portal refused ${iface}.${member}: ${error.name}: ${error.message}`);
}
