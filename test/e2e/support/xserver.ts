import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, rmSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Monitor {
  width: number;
  height: number;
}

/** A running X server of the test's own, with a window manager on it. */
export interface XServer {
  readonly display: string;
  /** Environment for child processes that should use this server. */
  readonly env: NodeJS.ProcessEnv;
  /** The server's and its window manager's processes (own servers only). */
  readonly pids?: readonly number[];
  stop(): Promise<void>;
}

/** Runs an X client against `display` and returns its stdout. */
export async function x(display: string, cmd: string, args: string[], input?: string): Promise<string> {
  if (input === undefined) return (await run(cmd, args, { env: { ...process.env, DISPLAY: display } })).stdout;
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { env: { ...process.env, DISPLAY: display } }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    child.stdin?.end(input);
  });
}

async function waitForServer(display: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before it was ready`);
    try {
      await x(display, "xrandr", ["--listmonitors"]);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} on ${display} did not answer within 15 s`);
}

/** Starts a server with -displayfd so it picks a free display number itself. */
async function startServer(cmd: string, args: string[], dir: string): Promise<{ child: ChildProcess; display: string }> {
  const fdFile = join(dir, "displayfd");
  writeFileSync(fdFile, "");
  const fd = openSync(fdFile, "w");
  const child = spawn(cmd, ["-displayfd", "3", ...args], { stdio: ["ignore", "ignore", openSync(join(dir, "server.log"), "w"), fd] });
  const deadline = Date.now() + 15_000;
  let number = "";
  while (Date.now() < deadline && !number) {
    if (child.exitCode !== null) {
      throw new Error(`${cmd} exited with ${child.exitCode}: ${readFileSync(join(dir, "server.log"), "utf8").slice(-800)}`);
    }
    number = readFileSync(fdFile, "utf8").trim();
    if (!number) await new Promise((r) => setTimeout(r, 50));
  }
  if (!number) throw new Error(`${cmd} did not report its display number`);
  const display = `:${number}`;
  await waitForServer(display, child, cmd);
  return { child, display };
}

async function finish(child: ChildProcess, wm: ChildProcess | undefined, dir: string): Promise<void> {
  wm?.kill("SIGTERM");
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A copy of the system's XKB data (links) whose "us" layout is `layout`. setxkbmap changes the
 * core keyboard only, not the XTEST device that `deskpilot act` types through, so the layout
 * has to be the server's default from the start.
 */
function xkbDirWithLayout(dir: string, layout: string): string {
  const system = "/usr/share/X11/xkb";
  const xkb = join(dir, "xkb");
  mkdirSync(join(xkb, "symbols"), { recursive: true });
  for (const entry of readdirSync(system)) if (entry !== "symbols") symlinkSync(join(system, entry), join(xkb, entry));
  for (const entry of readdirSync(join(system, "symbols"))) if (entry !== "us") symlinkSync(join(system, "symbols", entry), join(xkb, "symbols", entry));
  writeFileSync(join(xkb, "symbols", "us"), `default xkb_symbols "basic" {\n  include "${layout}(basic)"\n};\n`);
  return xkb;
}

async function withWindowManager(display: string, dpi: number | undefined): Promise<ChildProcess> {
  if (dpi !== undefined) await x(display, "xrdb", ["-merge"], `Xft.dpi: ${dpi}\n`);
  const wm = spawn("openbox", [], { env: { ...process.env, DISPLAY: display }, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  return wm;
}

/**
 * Xvfb with one screen; `dpi` 192 makes a scale-factor-2 (HiDPI) desktop; `layout` (an XKB
 * layout name such as "de") is the keyboard layout of every input device, XTEST's included.
 */
export async function startXvfb(monitor: Monitor, dpi?: number, layout?: string): Promise<XServer> {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-xvfb-"));
  const { child, display } = await startServer(
    "Xvfb",
    ["-screen", "0", `${monitor.width}x${monitor.height}x24`, "-nolisten", "tcp", "-noreset", ...(layout ? ["-xkbdir", xkbDirWithLayout(dir, layout)] : [])],
    dir,
  );
  const wm = await withWindowManager(display, dpi);
  return {
    display,
    env: { ...process.env, DISPLAY: display },
    stop: () => finish(child, wm, dir),
    pids: [child.pid, wm.pid].filter((p): p is number => p !== undefined),
  };
}

/**
 * Xorg with the dummy driver and monitors side by side (Xvfb has one output only).
 * Needs root, as the Xorg binary does without a seat.
 */
export async function startXorgDummy(monitors: Monitor[], dpi?: number): Promise<XServer> {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-xorg-"));
  const width = monitors.reduce((w, m) => w + m.width, 0);
  const height = Math.max(...monitors.map((m) => m.height));
  const conf = join(dir, "xorg.conf");
  writeFileSync(
    conf,
    [
      'Section "Device"\n  Identifier "dummy"\n  Driver "dummy"\n  VideoRam 256000\nEndSection',
      'Section "Monitor"\n  Identifier "mon"\n  HorizSync 5.0-1000.0\n  VertRefresh 5.0-200.0\nEndSection',
      `Section "Screen"\n  Identifier "screen"\n  Device "dummy"\n  Monitor "mon"\n  DefaultDepth 24\n  SubSection "Display"\n    Depth 24\n    Virtual ${width} ${height}\n  EndSubSection\nEndSection`,
    ].join("\n"),
  );
  const { child, display } = await startServer("Xorg", ["-noreset", "-nolisten", "tcp", "-config", conf, "-logfile", join(dir, "xorg.log")], dir);
  try {
    let left = 0;
    for (const [i, m] of monitors.entries()) {
      const mode = `dp${m.width}x${m.height}`;
      // A plain modeline: the dummy driver only needs the active size to be right.
      const line = [
        `${(m.width * m.height * 60) / 1e6 + 1}`,
        `${m.width}`,
        `${m.width + 8}`,
        `${m.width + 16}`,
        `${m.width + 24}`,
        `${m.height}`,
        `${m.height + 1}`,
        `${m.height + 2}`,
        `${m.height + 3}`,
      ];
      await x(display, "xrandr", ["--newmode", mode, ...line]).catch(() => undefined);
      await x(display, "xrandr", ["--addmode", `DUMMY${i}`, mode]);
      await x(display, "xrandr", ["--output", `DUMMY${i}`, "--mode", mode, "--pos", `${left}x0`, ...(i === 0 ? ["--primary"] : [])]);
      left += m.width;
    }
    await x(display, "xrandr", ["--fb", `${width}x${height}`]).catch(() => undefined);
  } catch (error) {
    await finish(child, undefined, dir);
    throw error;
  }
  const wm = await withWindowManager(display, dpi);
  return {
    display,
    env: { ...process.env, DISPLAY: display },
    stop: () => finish(child, wm, dir),
    pids: [child.pid, wm.pid].filter((p): p is number => p !== undefined),
  };
}
