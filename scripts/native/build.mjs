#!/usr/bin/env node
// Builds the DeskPilot vision addon (native/): clones the llama.cpp source that the installed
// node-llama-cpp ships (llama/gitRelease.bundle), compiles tools/mtmd + our N-API binding, and
// links them against node-llama-cpp's prebuilt libllama/libggml (see native/README.md). On Linux
// it also builds the X11 shared-memory capture addon (native/capture) where libX11/libXext are,
// and the Wayland input addon (native/wayland) where libwayland-client is.
//   node scripts/native/build.mjs [--with-cli] [--from-source] [--if-possible] [--jobs N]
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, platform } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeLlamaCppPaths } from "./nodeLlamaCppPaths.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const jobs = Number(args[args.indexOf("--jobs") + 1]) || Math.max(1, cpus().length);
const buildDir = join(root, "native", "build");
const started = Date.now();

function log(line) {
  process.stderr.write(`[build:native] ${line}\n`);
}

function fail(message) {
  log(message);
  // postinstall passes --if-possible: a missing toolchain must not break `npm install`
  process.exit(flag("--if-possible") ? 0 : 1);
}

function has(cmd, versionArg = "--version") {
  return spawnSync(cmd, [versionArg], { stdio: "ignore", shell: platform() === "win32" }).status === 0;
}

function installHint(tool) {
  switch (platform()) {
    case "darwin":
      return tool === "cmake" ? "brew install cmake" : "xcode-select --install";
    case "win32":
      return tool === "cmake" ? "winget install Kitware.CMake" : "Visual Studio 2022 Build Tools with 'Desktop development with C++'";
    default:
      return tool === "cmake"
        ? "sudo apt-get install cmake (Debian/Ubuntu) or your distribution's cmake package"
        : "sudo apt-get install g++ (Debian/Ubuntu) or build-essential";
  }
}

function checkToolchain() {
  const missing = [];
  if (!has("cmake")) missing.push(`CMake ≥ 3.19 is missing: install it (${installHint("cmake")})`);
  if (platform() !== "win32" && !has(process.env.CXX ?? "c++") && !has("g++") && !has("clang++")) {
    missing.push(`a C++17 compiler is missing: install one (${installHint("c++")})`);
  }
  if (!has("git")) missing.push("git is missing: install it (it unpacks node-llama-cpp's llama.cpp source bundle)");
  if (missing.length > 0) fail(`cannot build the vision addon:\n  - ${missing.join("\n  - ")}`);
}

/** Clones the bundle once per node-llama-cpp release; a stamp records which one. */
function checkoutLlamaCpp(paths) {
  const dir = join(buildDir, "llama.cpp");
  const stampFile = join(buildDir, "llama.cpp.stamp");
  const stamp = `${paths.version} ${paths.release}`;
  if (existsSync(join(dir, "tools", "mtmd", "mtmd.h")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`unpacking llama.cpp ${paths.release} from ${paths.bundle}`);
  execFileSync("git", ["clone", "-q", "-c", "advice.detachedHead=false", paths.bundle, dir], { stdio: "inherit" });
  writeFileSync(stampFile, stamp);
  return dir;
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit" });
  if (r.status !== 0) fail(`${cmd} ${cmdArgs.join(" ")} failed (exit ${r.status ?? r.signal})`);
}

/**
 * Linux: a small optional addon of our own in its own CMake project (native/capture: X11
 * shared-memory capture; native/wayland: input on wlroots compositors). Without its system
 * headers DeskPilot works without it, so a failure here is told, with the packages to install,
 * and is not fatal.
 */
function buildOptionalAddon(nodeInclude, addonApi, { folder, name, what, without, packages }) {
  if (platform() !== "linux") return;
  const dir = join(buildDir, `${folder}-cmake`);
  const quiet = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  const configure = quiet("cmake", [
    "-S",
    join(root, "native", folder),
    "-B",
    dir,
    "-DCMAKE_BUILD_TYPE=Release",
    `-DNODE_INCLUDE_DIR=${nodeInclude}`,
    `-DNODE_ADDON_API_DIR=${addonApi}`,
  ]);
  const compile = configure.status === 0 ? quiet("cmake", ["--build", dir, "--config", "Release", "-j", String(jobs)]) : configure;
  const built = join(dir, `${name}.node`);
  if (compile.status !== 0 || !existsSync(built)) {
    const why = `${compile.stderr}${compile.stdout}`
      .split("\n")
      .filter((l) => /error/i.test(l))
      .slice(0, 3)
      .join(" | ");
    log(`${what} not built (${why || `exit ${compile.status}`}); ${without}. To build it: sudo apt-get install ${packages}`);
    return;
  }
  copyFileSync(built, join(buildDir, `${name}.node`));
  log(`built native/build/${name}.node (${what})`);
}

checkToolchain();
const paths = nodeLlamaCppPaths(root);
const fromSource = flag("--from-source") || platform() === "win32";
if (!fromSource && !paths.binsDir) fail(`no prebuilt llama.cpp libraries for ${paths.platform} in node-llama-cpp; rerun with --from-source`);
mkdirSync(buildDir, { recursive: true });
const llamaDir = checkoutLlamaCpp(paths);
const cmakeDir = join(buildDir, "cmake");
// a cache from another checkout path (the repo moved or was copied) makes CMake refuse to run
const cache = join(cmakeDir, "CMakeCache.txt");
if (existsSync(cache) && !readFileSync(cache, "utf8").includes(`CMAKE_HOME_DIRECTORY:INTERNAL=${join(root, "native")}\n`)) {
  log("the build folder belongs to another checkout; starting it afresh");
  rmSync(cmakeDir, { recursive: true, force: true });
}
const addonApi = join(root, "node_modules", "node-addon-api");
const nodeInclude = [process.env.DESKPILOT_NODE_INCLUDE, join(dirname(dirname(process.execPath)), "include", "node"), "/usr/include/node"].find(
  (d) => d && existsSync(join(d, "node_api.h")),
);
if (!nodeInclude) fail("Node.js headers (node_api.h) not found; set DESKPILOT_NODE_INCLUDE to the folder that holds them");
if (!existsSync(join(addonApi, "napi.h"))) fail("node-addon-api is missing; run npm install");
buildOptionalAddon(nodeInclude, addonApi, {
  folder: "capture",
  name: "deskpilot_capture",
  what: "X11 shared-memory capture",
  without: "capture uses nut-js",
  packages: "libx11-dev libxext-dev",
});
buildOptionalAddon(nodeInclude, addonApi, {
  folder: "wayland",
  name: "deskpilot_wayland",
  what: "Wayland capture and input for wlroots compositors",
  without: "on a wlroots session without XWayland DeskPilot can capture but not act",
  packages: "libwayland-dev",
});
buildOptionalAddon(nodeInclude, addonApi, {
  folder: "pipewire",
  name: "deskpilot_pipewire",
  what: "screen capture through the desktop's ScreenCast portal (GNOME, KDE Plasma)",
  without: "on GNOME and KDE Wayland sessions DeskPilot cannot capture native windows",
  packages: "libpipewire-0.3-dev",
});

log(`configuring (${fromSource ? "ggml+llama from source" : `prebuilt libs from ${paths.binsDir}`})`);
run("cmake", [
  "-S",
  join(root, "native"),
  "-B",
  cmakeDir,
  "-DCMAKE_BUILD_TYPE=Release",
  `-DLLAMA_CPP_DIR=${llamaDir}`,
  `-DNLC_BINS_DIR=${paths.binsDir ?? ""}`,
  `-DNODE_INCLUDE_DIR=${nodeInclude}`,
  `-DNODE_ADDON_API_DIR=${addonApi}`,
  `-DDESKPILOT_FROM_SOURCE=${fromSource ? "ON" : "OFF"}`,
  `-DDESKPILOT_BUILD_MTMD_CLI=${flag("--with-cli") ? "ON" : "OFF"}`,
]);
const targets = ["deskpilot_vision", ...(flag("--with-cli") ? ["llama-mtmd-cli", "llama-quantize"] : [])];
log(`compiling ${targets.join(" + ")} with ${jobs} jobs`);
run("cmake", ["--build", cmakeDir, "--config", "Release", "-j", String(jobs), "--target", ...targets]);

const built = [join(cmakeDir, "deskpilot_vision.node"), join(cmakeDir, "Release", "deskpilot_vision.node")].find(existsSync);
if (!built) fail("the build finished but deskpilot_vision.node is missing");
copyFileSync(built, join(buildDir, "deskpilot_vision.node"));
writeFileSync(
  join(buildDir, "build-info.json"),
  `${JSON.stringify(
    {
      nodeLlamaCpp: paths.version,
      llamaCppRelease: paths.release,
      platform: paths.platform,
      binsDir: fromSource ? null : paths.binsDir,
      fromSource,
      builtAt: new Date().toISOString(),
    },
    null,
    2,
  )}\n`,
);
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s: native/build/deskpilot_vision.node`);
