import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { WebPreferences } from "electron";
import type { IpcReply } from "../../electron/shared/ipcContract.js";
import { repoRoot } from "../support/repoRoot.js";
import { serviceMethodNames } from "../../agent/service/createDispatcher.js";

/** What the stand-in electron module (support/fakeElectron.ts) prints. */
interface Report {
  errorBox?: string;
  page?: string;
  window?: { webPreferences: WebPreferences };
  channels: string[];
  listDisplays: IpcReply<unknown>;
  foreign: IpcReply<unknown>;
  badAction: IpcReply<unknown>;
}

const code = (reply: IpcReply<unknown>) => (reply.ok ? "ok" : reply.error.code);

/**
 * Runs the compiled main process under Node with a stand-in `electron` module: it proves
 * the composition root's wiring (paths, window options, IPC channels, sender guard) where
 * no Electron binary exists. The real app is covered by test/browser/electronApp.test.ts.
 */
test("main wires the service, the window and the guarded IPC together", () => {
  const run = spawnSync(
    process.execPath,
    ["--import", join(repoRoot, "dist/test/electron/support/useFakeElectron.js"), join(repoRoot, "dist/electron/main/main.js")],
    { cwd: repoRoot, encoding: "utf8", timeout: 30_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as Report;

  const page = join(repoRoot, "dist/renderer/index.html");
  if (!existsSync(page)) {
    // Without a built panel main must say how to build it rather than open a blank window.
    assert.match(report.errorBox ?? "", /npm run build:app/);
    return;
  }
  assert.equal(report.page, page);
  const prefs = report.window?.webPreferences ?? {};
  assert.ok(prefs.preload && existsSync(prefs.preload), `preload ${prefs.preload} exists`);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  // The app service has every slice, so main serves the whole contract.
  assert.deepEqual(report.channels, serviceMethodNames.map((n) => `deskpilot:${n}`).sort());
  assert.equal(code(report.foreign), "UNTRUSTED_SENDER");
  assert.equal(code(report.badAction), "INVALID_ACTION");
  // Our window reaches the real service: displays where there is a display server, else a clear NO_DISPLAY.
  const list = report.listDisplays;
  assert.ok(list.ok ? Array.isArray(list.value) : list.error.code === "NO_DISPLAY", JSON.stringify(list));
});
