#!/usr/bin/env node
// `npm start`: builds what is needed and opens the Electron app. Where no Electron binary
// can be had (these machines cannot reach GitHub), it says why and runs what can run here:
// the CLI's capture on a display, or its help without one. Extra arguments go to Electron
// (`npm start -- --no-sandbox`).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const say = (message) => console.error(`deskpilot: ${message}`);

/** Runs a Node script from the repository root; returns its exit code. */
function node(args) {
  return spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" }).status ?? 1;
}

function build(what, args) {
  say(`building ${what}…`);
  if (node(args) !== 0) {
    say(`the ${what} build failed (see above); fix it and run \`npm start\` again.`);
    process.exit(1);
  }
}

/** The Electron executable, or why there is none. */
function findElectron() {
  let path;
  try {
    // electron's index.js returns the binary's path, honouring ELECTRON_OVERRIDE_DIST_PATH.
    path = createRequire(import.meta.url)("electron");
  } catch {
    return {
      why:
        "Electron's binary was never downloaded (npm does not run electron's GitHub download here). " +
        "Run `node scripts/fetch-electron.mjs` where GitHub is reachable, or set ELECTRON_OVERRIDE_DIST_PATH to a local Electron folder",
    };
  }
  if (!existsSync(path)) return { why: `the Electron binary ${path} does not exist` };
  return { path };
}

function hasDisplay() {
  if (process.platform !== "linux") return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function launchElectron(binary) {
  build("control panel", [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"]);
  if (process.platform === "linux" && process.getuid?.() === 0 && !process.argv.includes("--no-sandbox")) {
    say("running as root: Electron refuses to start without `--no-sandbox` (npm start -- --no-sandbox); better, run as a normal user.");
  }
  say(`starting Electron (${binary})`);
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** What runs without Electron: the CLI's main job today, or its help. Exits 0 unless the CLI fails. */
function fallback(why) {
  say(`the Electron app cannot start here: ${why}.`);
  const cli = join(root, "bin/deskpilot.js");
  if (!hasDisplay()) {
    say("there is no display either (DISPLAY and WAYLAND_DISPLAY are unset), so there is nothing to capture. The CLI can do this:");
    process.exit(node([cli, "--help"]));
  }
  say("starting the command-line tool instead: the displays it sees, then a capture of the primary one.");
  const listed = node([cli, "capture", "--list"]);
  if (listed !== 0) process.exit(listed);
  const out = join(tmpdir(), `deskpilot-capture-${new Date().toISOString().replace(/[:.]/g, "-")}.png`);
  const captured = node([cli, "capture", "--out", out]);
  if (captured !== 0) process.exit(captured);
  say(`capture saved to ${out}. See \`node bin/deskpilot.js --help\` for acting on the screen.`);
  process.exit(0);
}

build("app (tsc)", [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
const electron = findElectron();
if (electron.path && !hasDisplay()) fallback("there is no display (DISPLAY and WAYLAND_DISPLAY are unset)");
else if (electron.path) launchElectron(electron.path);
else fallback(electron.why);
