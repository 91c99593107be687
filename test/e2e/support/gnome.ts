import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPipewireAddon } from "../../../native/loadPipewireAddon.js";

/** A headless GNOME compositor (mutter) of the test's own, with its real desktop portal. */
export interface GnomeServer {
  readonly display: string;
  /** Environment of a user's GNOME Wayland session: WAYLAND_DISPLAY, XDG_RUNTIME_DIR, the session bus, XDG_CURRENT_DESKTOP=GNOME. */
  readonly env: NodeJS.ProcessEnv;
  /** How many of the portal's consent dialogs the test's "user" has answered with Share. */
  readonly consents: () => number;
  stop(): Promise<void>;
}

interface Bus {
  name?: string;
  connection: { on(e: "message", f: (m: { member?: string; body?: unknown[] }) => void): void; end(): void };
  invoke(m: object, f: (e: { name: string; message: string } | null, ...v: unknown[]) => void): void;
  addMatch(rule: string, f: (e: unknown) => void): void;
}

const X11_SOCKETS = "/tmp/.X11-unix";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a session bus, PipeWire and WirePlumber, and mutter on its headless backend with one
 * virtual monitor; the session's own xdg-desktop-portal and xdg-desktop-portal-gnome start on
 * first use through D-Bus activation, as on a GNOME desktop. A consent "user" watches the screen
 * through mutter's own screen-cast API and answers the portal's real dialog as a person would:
 * it turns on "Allow remote interaction" and presses Share, through mutter's own remote-desktop
 * API (which asks nobody).
 */
export async function startGnome(width: number, height: number, options: { xwayland?: boolean } = {}): Promise<GnomeServer> {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-gnome-"));
  const runtime = join(dir, "run");
  mkdirSync(runtime, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    XDG_RUNTIME_DIR: runtime,
    // the consent user sets it in this process for its addon: a second session here must not inherit the first's
    PIPEWIRE_RUNTIME_DIR: runtime,
    XDG_CONFIG_HOME: join(dir, "config"),
    XDG_DATA_HOME: join(dir, "data"),
    XDG_CURRENT_DESKTOP: "GNOME",
    XDG_SESSION_TYPE: "wayland",
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(runtime, "bus")}`,
    WAYLAND_DISPLAY: "wayland-0",
    GSETTINGS_BACKEND: "memory",
    NO_AT_BRIDGE: "1",
  };
  delete env["DISPLAY"];
  const log = openSync(join(dir, "session.log"), "w");
  const children: ChildProcess[] = [];
  const start = (cmd: string, args: string[]) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", log, log] });
    children.push(child);
    return child;
  };
  const stop = async () => {
    for (const child of children.reverse()) if (child.exitCode === null) child.kill("SIGTERM");
    await sleep(300);
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    start("dbus-daemon", ["--session", `--address=${env["DBUS_SESSION_BUS_ADDRESS"]}`, "--nofork", "--nopidfile"]);
    await until(() => existsSync(join(runtime, "bus")), "the session bus");
    start("pipewire", []);
    await until(() => existsSync(join(runtime, "pipewire-0")), "PipeWire");
    start("wireplumber", []);
    const xSockets = new Set(existsSync(X11_SOCKETS) ? readdirSync(X11_SOCKETS) : []);
    start("mutter", ["--headless", "--wayland", ...(options.xwayland ? [] : ["--no-x11"]), "--virtual-monitor", `${width}x${height}`]);
    await until(() => existsSync(join(runtime, "wayland-0")), "mutter");
    if (options.xwayland) {
      // mutter starts XWayland on a free display number and writes its cookie in the runtime folder, as on a GNOME desktop
      let x: string | undefined;
      let auth: string | undefined;
      await until(
        () => {
          x ??= (existsSync(X11_SOCKETS) ? readdirSync(X11_SOCKETS) : []).find((f) => /^X\d+$/.test(f) && !xSockets.has(f));
          auth ??= readdirSync(runtime).find((f) => f.startsWith(".mutter-Xwaylandauth."));
          return x !== undefined && auth !== undefined;
        },
        "mutter's XWayland",
        30,
      ); // a first start on a cold machine has taken more than 10 s
      env["DISPLAY"] = `:${x!.slice(1)}`;
      env["XAUTHORITY"] = join(runtime, auth!);
    }
    const user = await consentUser(env);
    return {
      display: "wayland-0",
      env,
      consents: () => user.consents,
      stop: async () => {
        await user.stop();
        await stop();
      },
    };
  } catch (error) {
    const said = existsSync(join(dir, "session.log")) ? readFileSync(join(dir, "session.log"), "utf8").slice(-1500) : "";
    await stop();
    throw new Error(`${(error as Error).message}\n${said}`, { cause: error });
  }
}

async function until(ready: () => boolean, what: string, seconds = 10): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (ready()) return;
    await sleep(100);
  }
  throw new Error(`${what} did not start`);
}

// xdg-desktop-portal-gnome 43's dialog: the Share button is Adwaita's accent blue; in the
// remote-desktop dialog the "Allow remote interaction" switch sits this far from its corner.
// In the screen-cast dialog Share stays pale until a monitor row is chosen.
const ACCENT = [0x35, 0x84, 0xe4] as const;
const ACCENT_DISABLED = [144, 183, 231] as const;
/** Share under the pointer: the next dialog opens where the last one was pressed. */
const ACCENT_HOVER = [73, 144, 231] as const;
const SWITCH_FROM_SHARE = { fromRight: -63, fromBottom: 183 };
const MONITOR_ROW_FROM_SHARE = { fromRight: -253, fromBottom: 137 };

/**
 * The person in front of the screen: every 200 ms it looks, and where the portal's dialog shows,
 * it turns on remote interaction (where the dialog has the switch) and presses Share.
 */
async function consentUser(env: NodeJS.ProcessEnv): Promise<{ consents: number; stop(): Promise<void> }> {
  const pw = loadPipewireAddon();
  if (typeof pw === "string") throw new Error(pw);
  const dbus = createRequire(import.meta.url)("@homebridge/dbus-native") as { sessionBus(o: { busAddress: string }): Bus };
  const bus = dbus.sessionBus({ busAddress: env["DBUS_SESSION_BUS_ADDRESS"]! });
  const call = (destination: string, path: string, iface: string, member: string, signature = "", body: unknown[] = []) =>
    new Promise<unknown[]>((resolve, reject) =>
      bus.invoke({ destination, path, interface: iface, member, ...(signature ? { signature, body } : {}) }, (e, ...v) =>
        e ? reject(new Error(`${iface}.${member}: ${e.name}: ${e.message}`)) : resolve(v),
      ),
    );
  let node: number | undefined;
  bus.connection.on("message", (m) => {
    if (m.member === "PipeWireStreamAdded") node = Number(m.body?.[0]);
  });
  await new Promise((r) => bus.addMatch("type='signal',interface='org.gnome.Mutter.ScreenCast.Stream'", r));
  const RD = "org.gnome.Mutter.RemoteDesktop";
  const SC = "org.gnome.Mutter.ScreenCast";
  for (let i = 0; i < 50; i++) {
    try {
      await call(RD, "/org/gnome/Mutter/RemoteDesktop", "org.freedesktop.DBus.Peer", "Ping");
      break;
    } catch {
      await sleep(100);
    }
  }
  // the addon finds PipeWire through the environment of the process it runs in: this test's
  process.env["PIPEWIRE_RUNTIME_DIR"] = env["XDG_RUNTIME_DIR"];
  /** The user's own view and hands: a mutter remote-desktop session with its monitor's cast; made anew when mutter ends it. */
  const session = async () => {
    node = undefined;
    const [rd] = (await call(RD, "/org/gnome/Mutter/RemoteDesktop", RD, "CreateSession")) as [string];
    const [sessionIdVariant] = await call(RD, rd, "org.freedesktop.DBus.Properties", "Get", "ss", [`${RD}.Session`, "SessionId"]);
    const sessionId = (sessionIdVariant as [unknown, [string]])[1][0];
    const [sc] = (await call(SC, "/org/gnome/Mutter/ScreenCast", SC, "CreateSession", "a{sv}", [[["remote-desktop-session-id", ["s", sessionId]]]])) as [
      string,
    ];
    const [stream] = (await call(SC, sc, `${SC}.Session`, "RecordMonitor", "sa{sv}", ["", [["cursor-mode", ["u", 0]]]])) as [string];
    await call(RD, rd, `${RD}.Session`, "Start");
    for (let i = 0; i < 100 && node === undefined; i++) await sleep(50);
    if (node === undefined) throw new Error("mutter's screen cast for the consent user did not start");
    return { rd, stream, cast: pw.open(node) };
  };
  let own = await session();
  const click = async (x: number, y: number) => {
    const { rd, stream } = own;
    await call(RD, rd, `${RD}.Session`, "NotifyPointerMotionAbsolute", "sdd", [stream, x, y]);
    await sleep(50);
    await call(RD, rd, `${RD}.Session`, "NotifyPointerButton", "ib", [0x110, true]);
    await sleep(30);
    await call(RD, rd, `${RD}.Session`, "NotifyPointerButton", "ib", [0x110, false]);
  };
  const state = { consents: 0, running: true, stop: () => Promise.resolve() };
  // the loop ends before the session's processes do: its cast closed while PipeWire still runs
  const done = (async () => {
    while (state.running) {
      await sleep(200);
      try {
        let frame;
        try {
          frame = pw.frame(own.cast, 0, 2000);
        } catch (error) {
          // where mutter has ended the user's session (or its cast), look again through a new one
          if (process.env["DESKPILOT_DEBUG_CONSENT"]) console.error("consent user lost its view:", (error as Error).message);
          pw.close(own.cast);
          await call(RD, own.rd, `${RD}.Session`, "Stop").catch(() => undefined);
          own = await session();
          continue;
        }
        const pale = findButton(frame, ACCENT_DISABLED);
        if (pale) {
          await click(pale.right + MONITOR_ROW_FROM_SHARE.fromRight, pale.bottom + MONITOR_ROW_FROM_SHARE.fromBottom);
          continue;
        }
        const share = findButton(frame, ACCENT) ?? findButton(frame, ACCENT_HOVER);
        // a debugging aid for the dialog answering: DESKPILOT_DEBUG_CONSENT=1 logs what it sees and keeps the last frame in /tmp/consent.png
        if (process.env["DESKPILOT_DEBUG_CONSENT"]) {
          console.error("consent user sees", frame.width, frame.height, share);
          const sharp = (await import("sharp")).default;
          await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
            .png()
            .toFile("/tmp/consent.png");
        }
        if (!share) continue;
        const toggle = { x: share.right + SWITCH_FROM_SHARE.fromRight, y: share.bottom + SWITCH_FROM_SHARE.fromBottom };
        if (isSwitchOff(frame, toggle)) {
          await click(toggle.x, toggle.y);
          await sleep(300);
        }
        await click((share.left + share.right) / 2, (share.top + share.bottom) / 2);
        // off the dialog's place, so the next dialog's button shows unhovered and the page unclicked
        await call(RD, own.rd, `${RD}.Session`, "NotifyPointerMotionAbsolute", "sdd", [own.stream, frame.width - 40, frame.height - 40]);
        state.consents++;
        await sleep(800);
      } catch (error) {
        // the screen is read again on the next round
        if (process.env["DESKPILOT_DEBUG_CONSENT"]) console.error("consent user:", error);
      }
    }
    pw.close(own.cast);
    await call(RD, own.rd, `${RD}.Session`, "Stop").catch(() => undefined);
    bus.connection.end();
  })();
  state.stop = () => {
    state.running = false;
    return done;
  };
  return state;
}

type Frame = { data: Buffer; width: number; height: number };

/**
 * The Share button: the rightmost block of its blue, at least 60×25 px, as its bounding box
 * (the screen-cast dialog's checkbox, left of it, is the same blue).
 */
function findButton(f: Frame, colour: readonly [number, number, number]): { left: number; right: number; top: number; bottom: number } | undefined {
  const matches = (x: number, y: number) => {
    const i = (y * f.width + x) * 4;
    return Math.abs(f.data[i]! - colour[0]) < 6 && Math.abs(f.data[i + 1]! - colour[1]) < 6 && Math.abs(f.data[i + 2]! - colour[2]) < 6;
  };
  let far = -1;
  for (let y = 0; y < f.height; y++) for (let x = f.width - 1; x > far; x--) if (matches(x, y)) far = x;
  if (far < 0) return undefined;
  let left = Infinity;
  let top = Infinity;
  let bottom = -1;
  for (let y = 0; y < f.height; y++)
    for (let x = Math.max(0, far - 150); x <= far; x++)
      if (matches(x, y)) {
        left = Math.min(left, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  const right = far;
  return right - left >= 60 && bottom - top >= 25 && right - left < 150 && bottom - top < 60 ? { left, right, top, bottom } : undefined;
}

/** Whether the switch at `p` is off: its trough is a neutral light grey, not the accent blue. */
function isSwitchOff(f: Frame, p: { x: number; y: number }): boolean {
  if (p.x < 0 || p.y < 0 || p.x >= f.width || p.y >= f.height) return false;
  const i = (Math.round(p.y) * f.width + Math.round(p.x)) * 4;
  const [r, g, b] = [f.data[i]!, f.data[i + 1]!, f.data[i + 2]!];
  return r === g && g === b && r >= 195 && r <= 235;
}
