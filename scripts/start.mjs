#!/usr/bin/env node
// `npm start`: builds what is needed and opens the Electron app. Where no Electron binary
// can be had (these machines cannot reach GitHub), it says why and starts `deskpilot serve`
// instead: the same control panel in a browser, which it opens (`--no-browser` to not), at the
// URL it prints; Enter prints the URL again. Extra arguments go to Electron
// (`npm start -- --no-sandbox`) or to serve (`npm start -- --port 8080`).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
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

/** Without Electron: the control panel through `deskpilot serve`, until Ctrl+C. */
function fallback(why) {
  say(`the Electron app cannot start here: ${why}.`);
  if (!hasDisplay())
    say("there is no display either (DISPLAY and WAYLAND_DISPLAY are unset): the panel will say so until DeskPilot runs in a desktop session.");
  build("control panel", [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"]);
  const args = process.argv.slice(2);
  const open = !args.includes("--no-browser");
  say(
    `starting \`deskpilot serve\` instead: the control panel in a browser on this machine${open ? ", opened for you" : ": open the URL below"} (Ctrl+C stops it).`,
  );
  const serveArgs = [...args.filter((a) => a !== "--no-browser"), ...(open ? ["--open"] : [])];
  const child = spawn(process.execPath, [join(root, "bin/deskpilot.js"), "serve", ...serveArgs], { cwd: root, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

build("app (tsc)", [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
const electron = findElectron();
if (electron.path && !hasDisplay()) fallback("there is no display (DISPLAY and WAYLAND_DISPLAY are unset)");
else if (electron.path) launchElectron(electron.path);
else fallback(electron.why);
