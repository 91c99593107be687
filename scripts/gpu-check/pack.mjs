#!/usr/bin/env node
// Packs .gpu-kit/: what a GPU machine with no registry access needs to run the engine bench
// (scripts/gpu-check/run.sh): a node binary, dist/, the node_modules the CLI imports at run
// time, Node's N-API headers, node-addon-api, and the llama.cpp source. Run here, after
// `npm run build`, with node_modules present.   node scripts/gpu-check/pack.mjs
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, statSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const kit = join(root, ".gpu-kit");
const LIMIT = 60 * 1024 * 1024;
// found by running `deskpilot bench engine` from a copy with no node_modules until it stopped
// failing; node-llama-cpp without its prebuilt bins and llama.cpp bundle (run.sh builds them)
const PACKAGES = [
  "commander",
  "sharp",
  "@img/colour",
  "@img/sharp-linux-x64",
  "@img/sharp-libvips-linux-x64",
  "node-screenshots",
  "zod",
  "screenshot-desktop",
  "ws",
  "node-llama-cpp",
  "detect-libc",
  "lifecycle-utils",
  "semver",
  "chalk",
  "fs-extra",
  "@huggingface/jinja",
  "bytes",
  "ipull",
  "env-var",
  "nanoid",
  "proper-lockfile",
  "which",
  "simple-git",
  "filenamify",
  "pretty-ms",
  "is-unicode-supported",
  "async-retry",
  "ora",
  "cross-spawn",
  "chmodrp",
  "@kwsites/file-exists",
  "@simple-git/args-pathspec",
  "debug",
  "@kwsites/promise-deferred",
  "@simple-git/argv-parser",
  "log-symbols",
  "stdout-update",
  "slice-ansi",
  "strip-ansi",
  "parse-ms",
  "pretty-bytes",
  "cli-cursor",
  "string-width",
  "is-interactive",
  "stdin-discarder",
  "ansi-regex",
  "filename-reserved-regex",
  "eventemitter3",
  "lodash.debounce",
  "cli-spinners",
  "restore-cursor",
  "get-east-asian-width",
  "yoctocolors",
  "ansi-styles",
  "is-fullwidth-code-point",
  "ci-info",
  "onetime",
  "ansi-escapes",
  "sleep-promise",
  "@tinyhttp/content-disposition",
  "mimic-function",
  "node-screenshots-linux-x64-gnu",
  "universalify",
  "graceful-fs",
  "jsonfile",
  "retry",
  "signal-exit",
  "isexe",
  "path-key",
  "shebang-command",
  "shebang-regex",
  "ms",
  "node-addon-api",
];
const NAPI_HEADERS = ["node_api.h", "node_api_types.h", "js_native_api.h", "js_native_api_types.h"];

const log = (line) => process.stderr.write(`[gpu-kit] ${line}\n`);
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...opts });

if (!existsSync(join(root, "dist", "agent", "cli", "main.js"))) throw new Error("dist/ is missing: run npm run build first");
rmSync(kit, { recursive: true, force: true });
const stage = join(kit, "stage");
mkdirSync(join(stage, "node_modules"), { recursive: true });
for (const name of PACKAGES) {
  const from = join(root, "node_modules", name);
  if (!existsSync(from)) {
    log(`skipping ${name}: not installed`);
    continue;
  }
  cpSync(from, join(stage, "node_modules", name), {
    recursive: true,
    dereference: true,
    filter: (p) => !(name === "node-llama-cpp" && /node-llama-cpp\/(bins\/|llama\/gitRelease\.bundle)/.test(p)),
  });
}
mkdirSync(join(stage, "include", "node"), { recursive: true });
const nodeInclude = [join(dirname(dirname(process.execPath)), "include", "node"), "/usr/include/node"].find((d) => existsSync(join(d, "node_api.h")));
for (const h of NAPI_HEADERS) cpSync(join(nodeInclude, h), join(stage, "include", "node", h));
cpSync(join(root, "dist"), join(stage, "dist"), { recursive: true });
log("compressing the runtime (node_modules, dist, headers)");
sh("tar", ["-C", stage, "-cJf", join(kit, "runtime.tar.xz"), "."], { env: { ...process.env, XZ_OPT: "-6 -T0" } });
rmSync(stage, { recursive: true, force: true });

log(`compressing ${process.execPath}`);
sh("sh", ["-c", `xz -6 -T0 -c "${process.execPath}" > "${join(kit, "node.xz")}"`]);

// the llama.cpp tree CMake needs for ggml + llama + common + tools/mtmd + llama-quantize, and the
// Qwen2 tokenizer the random-weight presets are generated with (qwen2VocabFile)
const llama = join(root, "native", "build", "llama.cpp");
log("archiving llama.cpp");
sh("sh", [
  "-c",
  `git -C "${llama}" archive --format=tar HEAD -- CMakeLists.txt cmake common ggml include src tools/mtmd tools/quantize tools/CMakeLists.txt vendor licenses LICENSE models/ggml-vocab-qwen2.gguf 2>/dev/null | xz -6 -T0 > "${join(kit, "llama.cpp.tar.xz")}"`,
]);

let total = 0;
for (const f of readdirSync(kit)) {
  const s = statSync(join(kit, f)).size;
  total += s;
  log(`${f}: ${(s / 2 ** 20).toFixed(1)} MiB`);
}
log(`kit: ${(total / 2 ** 20).toFixed(1)} MiB in ${kit}`);
if (total > LIMIT) {
  log("over the 60 MiB a device run may carry");
  process.exit(1);
}
