import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserWindowConstructorOptions, WebPreferences } from "electron";
import type { IpcReply } from "../../electron/shared/ipcContract.js";
import { repoRoot } from "../support/repoRoot.js";
import { serviceMethodNames } from "../../agent/service/createDispatcher.js";
import { generateQwen25Vl } from "../../agent/gguf/generateQwen25Vl.js";
import type { ServiceEvent } from "../../agent/service/ServiceEvents.js";

/** What the stand-in electron module (support/fakeElectron.ts) prints. */
interface Report {
  errorBox?: string;
  page?: string;
  window?: { webPreferences: WebPreferences };
  channels: string[];
  listDisplays: IpcReply<unknown>;
  foreign: IpcReply<unknown>;
  badAction: IpcReply<unknown>;
  listeners: string[];
  timeline: string[];
  panelEvents: ServiceEvent[];
  trayIcon?: string;
  trayTooltip?: string;
  trayMenu?: string[];
  widgetWindow?: BrowserWindowConstructorOptions;
  widgetPage?: string;
  startRun?: IpcReply<{ runId: string }>;
  runEvents?: ServiceEvent[];
}

/** Runs dist/electron/main/main.js under the stand-in electron module with `env` added. */
function runMain(env: NodeJS.ProcessEnv = {}): Report {
  const run = spawnSync(
    process.execPath,
    ["--import", join(repoRoot, "dist/test/electron/support/useFakeElectron.js"), join(repoRoot, "dist/electron/main/main.js")],
    { cwd: repoRoot, encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } },
  );
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as Report;
}

const code = (reply: IpcReply<unknown>) => (reply.ok ? "ok" : reply.error.code);

/**
 * Runs the compiled main process under Node with a stand-in `electron` module: it proves
 * the composition root's wiring (paths, window options, IPC channels, sender guard) where
 * no Electron binary exists. The real app is covered by test/browser/electronApp.test.ts.
 */
test("main wires the service, the window and the guarded IPC together", () => {
  const report = runMain({ XDG_SESSION_TYPE: "wayland" });

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
  // The widget's command channel is the only other way in.
  assert.deepEqual(report.listeners, ["deskpilot-widget:command"]);
  // The tray shows a packaged icon and the idle state.
  assert.ok(report.trayIcon && existsSync(report.trayIcon), `tray icon ${report.trayIcon} exists`);
  assert.equal(report.trayTooltip, "DeskPilot — idle");
  assert.deepEqual(report.trayMenu, ["idle", "Show DeskPilot", "-", "Pause", "Stop run", "-", "Permissions needed (1)…", "-", "Quit DeskPilot"]);
  // A Wayland session: the panel is told why and what to do, and a dialog explains it once.
  const permissions = report.panelEvents.find((e) => e.type === "permissions");
  assert.deepEqual(permissions?.type === "permissions" && permissions.guidance.map((g) => g.id), ["linux-wayland"]);
  assert.ok(
    report.timeline.some((t) => t.startsWith("dialog:Wayland session")),
    report.timeline.join(", "),
  );
});

test("a run hides the panel behind a protected widget, loads its model in a utilityProcess, and the stop hotkey ends it", () => {
  if (!existsSync(join(repoRoot, "dist/renderer/index.html"))) return; // the test above says how to build it
  const home = mkdtempSync(join(tmpdir(), "deskpilot-main-"));
  try {
    const model = generateQwen25Vl({ outDir: home, preset: "tiny", type: "f16" });
    writeFileSync(join(home, "settings.json"), JSON.stringify({ model: { id: "qwen2.5-vl-3b", files: { model: model.model, mmproj: model.mmproj } } }));
    const report = runMain({ DESKPILOT_HOME: home, DESKPILOT_FAKE_RUN: "1", XDG_SESSION_TYPE: "x11", DISPLAY: ":99" });
    assert.ok(report.startRun?.ok, JSON.stringify(report.startRun));
    const t = report.timeline;
    const at = (entry: string) => {
      const i = t.indexOf(entry);
      assert.ok(i >= 0, `${entry} in ${t.join(", ")}`);
      return i;
    };
    // The widget is hardened and out of captures before it ever shows.
    assert.equal(report.widgetPage, join(repoRoot, "dist/renderer/widget/index.html"));
    const prefs = report.widgetWindow?.webPreferences ?? {};
    assert.ok(prefs.preload?.endsWith("dist/electron/preload/widgetPreload.js") && existsSync(prefs.preload), prefs.preload);
    assert.equal(prefs.sandbox, true);
    assert.equal(report.widgetWindow?.focusable, false);
    assert.ok(at("widget:setContentProtection true") < at("widget:showInactive"));
    assert.ok(at("widget:setAlwaysOnTop true screen-saver") < at("widget:showInactive"));
    // DeskPilot leaves the screen when the run starts, and the model loads in a utility process.
    assert.ok(at("panel:show") < at("panel:hide"));
    at("utilityProcess:fork vision/engineHost.js (DeskPilot vision engine)");
    at("utilityProcess:message load");
    // The stop hotkey aborts the load (the host is killed), and everything comes back.
    assert.ok(at("shortcut:register Ctrl+Shift+F9") < at("utilityProcess:kill"));
    assert.ok(at("utilityProcess:kill") < at("shortcut:unregister Ctrl+Shift+F9"));
    assert.ok(at("widget:hide") > at("widget:showInactive"));
    assert.ok(t.lastIndexOf("panel:show") > at("panel:hide"), "the panel returns");
    at("shortcut:unregister Ctrl+Alt+P");
    assert.ok(at("tray:DeskPilot — a run acting") < t.lastIndexOf("tray:DeskPilot — idle"));
    const states = (report.runEvents ?? []).map((e) => (e.type === "run-state" ? `${e.state}${e.status ? ` ${e.status}` : ""}` : ""));
    assert.deepEqual(states, ["running", "stopping", "finished stopped"]);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
