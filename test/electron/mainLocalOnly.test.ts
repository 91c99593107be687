import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IpcReply } from "../../electron/shared/ipcContract.js";
import type { Settings } from "../../agent/settings/settingsSchema.js";
import { repoRoot } from "../support/repoRoot.js";
import { skipUnlessAvailable } from "../support/prerequisites.js";
import { NamespacedHoneypot } from "../netns/support/honeypot.js";
import { netnsHostMissing } from "../netns/support/netnsHost.js";

const panelBuilt = existsSync(join(repoRoot, "dist/renderer/index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)";

/** Runs the compiled main process under the stand-in electron module (support/fakeElectron.ts) and returns its report. */
function runMain(env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const child = spawn(
    process.execPath,
    ["--import", join(repoRoot, "dist/test/electron/support/useFakeElectron.js"), join(repoRoot, "dist/electron/main/main.js")],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`main exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>);
    });
  });
}

// The only non-loopback target is a listener in a network namespace this test creates.
test(
  "Electron main: local-only switched on from the panel refuses main's next outbound connection, no restart",
  { skip: skipUnlessAvailable(netnsHostMissing() ?? panelBuilt), timeout: 90_000 },
  async () => {
    const home = mkdtempSync(join(tmpdir(), "deskpilot-main-live-"));
    const honeypot = new NamespacedHoneypot();
    try {
      const remote = await honeypot.start();
      writeFileSync(join(home, "settings.json"), JSON.stringify({ localOnly: false }));
      const report = await runMain({ DESKPILOT_HOME: home, DESKPILOT_FAKE_REMOTE: remote, XDG_SESSION_TYPE: "x11", DISPLAY: ":99" });
      assert.equal(report["remoteBefore"], "reached", "local-only off at launch: the address is reachable");
      const saved = report["localOnlyOn"] as IpcReply<Settings>;
      assert.ok(saved.ok && saved.value.localOnly, JSON.stringify(saved));
      assert.equal(report["remoteAfter"], "LOCAL_ONLY");
      assert.equal(await honeypot.connections(), 1, "only the connection made before the switch reached the listener");
    } finally {
      await honeypot.close();
      rmSync(home, { recursive: true, force: true });
    }
  },
);
