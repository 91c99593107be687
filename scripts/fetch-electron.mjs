#!/usr/bin/env node
// Fetches Electron's binary by running electron's own install.js, which npm 11 does not run
// for us (package.json's allowScripts denies it, since it downloads from GitHub). Wired as
// our postinstall: it must never fail `npm install`, because the CLI and the browser panel
// work without Electron, and `npm start` says what it starts instead.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname } from "node:path";

const TIMEOUT_MS = 5 * 60_000;
const note = (message) => console.warn(`deskpilot: ${message}`);

function main() {
  let installJs;
  try {
    installJs = createRequire(import.meta.url).resolve("electron/install.js");
  } catch {
    note("electron is not installed (a production install?); skipping its binary.");
    return;
  }
  const result = spawnSync(process.execPath, [installJs], {
    cwd: dirname(installJs),
    encoding: "utf8",
    stdio: ["ignore", "inherit", "pipe"],
    timeout: TIMEOUT_MS,
  });
  if (result.status === 0) return;
  const why = result.error?.message ?? firstLine(result.stderr) ?? `exit code ${result.status ?? result.signal}`;
  note(
    `no Electron binary (${why}); \`npm start\` will run the CLI instead. ` +
      "To use the app, set ELECTRON_OVERRIDE_DIST_PATH to a local Electron folder or rerun `node scripts/fetch-electron.mjs` online.",
  );
}

function firstLine(text) {
  // install.js prints a stack; its first line names the failure (e.g. `RequestError: getaddrinfo ENOTFOUND github.com`).
  return text
    ?.split("\n")
    .map((l) => l.trim())
    .find(Boolean);
}

try {
  main();
} catch (error) {
  note(`could not run Electron's installer (${error?.message ?? error}); continuing without it.`);
}
process.exitCode = 0;
