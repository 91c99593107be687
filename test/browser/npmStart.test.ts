import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../support/repoRoot.js";

// The README's first command ends in `npm start`: where no Electron binary exists (as on these
// machines), it must still start the app — the control panel through `deskpilot serve`.
test("npm start without an Electron binary serves the control panel, prints its URL and opens it in the browser", { timeout: 240_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-start-"));
  // A stand-in xdg-open that records the URL it was given, so no real browser starts.
  const bin = join(home, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s' "$1" > "${join(home, "opened")}"\n`);
  chmodSync(join(bin, "xdg-open"), 0o755);
  const child = spawn(process.execPath, [join(repoRoot, "scripts/start.mjs"), "--port", "0"], {
    cwd: repoRoot,
    // An Electron folder that does not exist: the fallback, even where a real binary is installed.
    env: {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: join(home, "no-electron"),
      XDG_DATA_HOME: home,
      XDG_CONFIG_HOME: home,
      PATH: `${bin}:${process.env["PATH"] ?? ""}`,
      DISPLAY: process.env["DISPLAY"] || ":99",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        const m = /DeskPilot control panel: (http:\/\/\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${stderr}`)));
    });
    assert.match(stderr, /the Electron app cannot start here/);
    assert.match(stderr, /starting `deskpilot serve` instead/);
    // The printed URL works (the token becomes a cookie), and the bare address does not.
    const opened = await fetch(url, { redirect: "manual" });
    assert.equal(opened.status, 303);
    const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;
    const page = await fetch(new URL("/", url), { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
    assert.equal((await fetch(new URL("/", url))).status, 401);
    for (let i = 0; i < 100 && !/opened the panel|could not open/.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(stderr, /opened the panel in your browser/);
    assert.ok(existsSync(join(home, "opened")), "xdg-open was run");
    assert.equal(readFileSync(join(home, "opened"), "utf8"), url, "with the panel's URL");
  } finally {
    child.kill("SIGINT");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(home, { recursive: true, force: true });
  }
});
