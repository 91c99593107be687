import { spawn, execFile, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One headless output: its mode in device pixels, its scale, its solid background and its place. */
export interface WaylandOutput {
  readonly width: number;
  readonly height: number;
  readonly scale?: number;
  readonly x: number;
  readonly y: number;
  /** "#rrggbb" */
  readonly background: string;
}

/** A running headless sway of the test's own. */
export interface WaylandServer {
  /** The compositor's socket name (WAYLAND_DISPLAY). */
  readonly display: string;
  /** Environment for clients of this compositor (WAYLAND_DISPLAY, XDG_RUNTIME_DIR; DISPLAY removed). */
  readonly env: NodeJS.ProcessEnv;
  /** Environment of a user's sway session: the above, with XDG_SESSION_TYPE and XDG_CURRENT_DESKTOP (and DISPLAY under XWayland). */
  readonly sessionEnv: NodeJS.ProcessEnv;
  /** XWayland's DISPLAY, when started with `xwayland`. */
  readonly xDisplay?: string;
  /** Runs a sway IPC command (`swaymsg`), e.g. `focus output HEADLESS-2`. */
  command(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

// sway refuses to run as root: under root (CI) it runs as `nobody`, and root's clients still reach its socket
const NOBODY = 65534;

/**
 * Starts sway on its headless backend with software rendering and `outputs` HEADLESS-1…N;
 * with `xwayland`, XWayland too (at once, not on the first X client), else without it.
 */
export async function startSway(outputs: readonly WaylandOutput[], options: { xwayland?: boolean } = {}): Promise<WaylandServer> {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-sway-"));
  const config = [
    ...outputs.map(
      (o, i) => `output HEADLESS-${i + 1} resolution ${o.width}x${o.height} position ${o.x} ${o.y} scale ${o.scale ?? 1} bg ${o.background} solid_color`,
    ),
    // XWayland admits its own user only: let root's clients in (CI runs as root, sway as nobody)
    ...(options.xwayland
      ? ["xwayland force", `exec sh -c 'xhost +si:localuser:root >/dev/null 2>&1; echo "$DISPLAY" > ${join(dir, "x-display")}'`]
      : ["xwayland disable"]),
  ].join("\n");
  writeFileSync(join(dir, "config"), `${config}\n`);
  const root = process.getuid?.() === 0;
  if (root) {
    chownSync(dir, NOBODY, NOBODY);
    chmodSync(dir, 0o700);
    chmodSync(join(dir, "config"), 0o644);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    XDG_RUNTIME_DIR: dir,
    WLR_BACKENDS: "headless",
    WLR_HEADLESS_OUTPUTS: String(outputs.length),
    WLR_LIBINPUT_NO_DEVICES: "1",
    WLR_RENDERER: "pixman",
  };
  delete env["DISPLAY"];
  delete env["WAYLAND_DISPLAY"];
  const log = openSync(join(dir, "sway.log"), "w");
  const args = ["-c", join(dir, "config")];
  const child: ChildProcess = root
    ? spawn("runuser", ["-u", "nobody", "--", "env", ...Object.entries(env).map(([k, v]) => `${k}=${v}`), "sway", ...args], { stdio: ["ignore", log, log] })
    : spawn("sway", args, { env, stdio: ["ignore", log, log] });
  const clientEnv: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: dir, WAYLAND_DISPLAY: "wayland-1" };
  delete clientEnv["DISPLAY"];
  const xFile = join(dir, "x-display");
  for (let i = 0; i < 100; i++) {
    const xDisplay = options.xwayland && existsSync(xFile) ? readFileSync(xFile, "utf8").trim() : undefined;
    if (existsSync(join(dir, "wayland-1")) && (!options.xwayland || xDisplay) && (await answers(clientEnv, outputs.length))) {
      const devices = await seatDevices(clientEnv);
      return {
        display: "wayland-1",
        env: clientEnv,
        sessionEnv: {
          ...clientEnv,
          XDG_SESSION_TYPE: "wayland",
          XDG_CURRENT_DESKTOP: "sway",
          ...swaySocket(dir),
          ...(xDisplay ? { DISPLAY: xDisplay } : {}),
        },
        ...(xDisplay ? { xDisplay } : {}),
        command: (...a) => swaymsg(dir, a),
        stop: async () => {
          devices?.kill("SIGKILL");
          await stop(child, dir);
        },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop(child, dir);
  throw new Error(`sway did not start: ${readFileSync(join(dir, "sway.log"), "utf8").slice(-1500)}`);
}

/**
 * A mouse and a keyboard on the seat for as long as the compositor runs, as a real desktop has
 * (a headless one has none): a child process holding a virtual pointer and keyboard that send
 * nothing. Without them each DeskPilot process's devices would give the seat its pointer and
 * keyboard anew, and clients reset on that: XWayland's first wheel notch after it is lost.
 * Undefined where the Wayland addon is not built.
 */
async function seatDevices(env: NodeJS.ProcessEnv): Promise<ChildProcess | undefined> {
  const addon = new URL("../../../native/loadWaylandAddon.js", import.meta.url).href;
  const keymap = new URL("../../../agent/actions/xkbKeymap.js", import.meta.url).href;
  const socket = join(env["XDG_RUNTIME_DIR"]!, env["WAYLAND_DISPLAY"]!);
  const script = [
    `const { loadWaylandAddon } = await import(${JSON.stringify(addon)});`,
    `const { namedKeymap } = await import(${JSON.stringify(keymap)});`,
    "const a = loadWaylandAddon();",
    'if (typeof a === "string") { console.log("none"); process.exit(0); }',
    `a.connect(${JSON.stringify(socket)});`,
    "a.pointerScroll(0, 0);", // adds the pointer, moves nothing
    "a.keymap(namedKeymap().text);",
    "a.sync();",
    'console.log("ready");',
    "setInterval(() => {}, 1 << 30);",
  ].join("\n");
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { env, stdio: ["ignore", "pipe", "inherit"] });
  const said = await new Promise<string>((resolve) => {
    child.stdout.once("data", (b: Buffer) => resolve(b.toString().trim()));
    child.once("exit", () => resolve("exited"));
  });
  if (said === "ready") return child;
  child.kill("SIGKILL");
  return undefined;
}

/** SWAYSOCK, as a sway session exports it to its clients. */
function swaySocket(dir: string): { SWAYSOCK?: string } {
  const socket = readdirSync(dir).find((f) => f.startsWith("sway-ipc."));
  return socket ? { SWAYSOCK: join(dir, socket) } : {};
}

function swaymsg(dir: string, args: readonly string[]): Promise<string> {
  const socket = readdirSync(dir).find((f) => f.startsWith("sway-ipc."));
  if (!socket) return Promise.reject(new Error(`sway's IPC socket is missing from ${dir}`));
  return new Promise((resolve, reject) =>
    execFile("swaymsg", ["-s", join(dir, socket), ...args], { timeout: 5000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`swaymsg ${args.join(" ")}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}

function answers(env: NodeJS.ProcessEnv, outputs: number): Promise<boolean> {
  return new Promise((resolve) =>
    execFile("wayland-info", [], { env, timeout: 5000 }, (error, stdout) => resolve(!error && (stdout.match(/xdg_output_v1/g)?.length ?? 0) >= outputs)),
  );
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    // runuser passes SIGTERM on to sway
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
}
