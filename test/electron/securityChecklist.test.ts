import { test } from "node:test";
import assert from "node:assert/strict";
import type { IpcMainInvokeEvent, WebContents } from "electron";
import { secureWebPreferences } from "../../electron/main/secureWebPreferences.js";
import { CONTENT_SECURITY_POLICY } from "../../electron/main/contentSecurityPolicy.js";
import { isAllowedUrl } from "../../electron/main/isAllowedUrl.js";
import { isTrustedSender } from "../../electron/main/isTrustedSender.js";
import { protectWidgetWindow, widgetWindowOptions } from "../../electron/main/widgetWindowOptions.js";
import { isWidgetCommand } from "../../electron/shared/widgetContract.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../support/repoRoot.js";

test("web preferences follow Electron's security checklist", () => {
  const prefs = secureWebPreferences("/app/preload.js");
  assert.equal(prefs.preload, "/app/preload.js");
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.experimentalFeatures, false);
});

test("the CSP allows only our own scripts and styles, and nothing inline or remote", () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  assert.deepEqual(directives.get("default-src"), ["'none'"]);
  assert.deepEqual(directives.get("script-src"), ["'self'"]);
  assert.deepEqual(directives.get("style-src"), ["'self'"]);
  assert.deepEqual(directives.get("base-uri"), ["'none'"]);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-|\*|https?:|wss?:/);
});

test("only the panel's own files, blob/data images and devtools may load", () => {
  const dir = "/opt/DeskPilot/resources/app.asar/dist/renderer";
  assert.ok(isAllowedUrl(`file://${dir}/index.html`, dir));
  assert.ok(isAllowedUrl(`file://${dir}/assets/index-abc.js`, dir));
  assert.ok(isAllowedUrl("blob:file:///0b6f-4c", dir));
  assert.ok(isAllowedUrl("data:image/png;base64,AAAA", dir));
  assert.ok(!isAllowedUrl(`file://${dir}/../../../secrets.txt`, dir));
  assert.ok(!isAllowedUrl(`file://${dir}-evil/index.html`, dir));
  assert.ok(!isAllowedUrl("file:///etc/passwd", dir));
  assert.ok(!isAllowedUrl("https://example.com/x.js", dir));
  assert.ok(!isAllowedUrl("http://127.0.0.1:8080/", dir));
  assert.ok(!isAllowedUrl("ws://127.0.0.1:1/", dir));
  assert.ok(!isAllowedUrl("not a url", dir));
});

test("IPC is trusted only from our window's top frame on our page", () => {
  const page = "file:///app/dist/renderer/index.html";
  const mainFrame = { url: page };
  const ours = { mainFrame } as unknown as WebContents;
  const other = { mainFrame: { url: page } } as unknown as WebContents;
  const window = { webContents: ours };
  const event = (sender: WebContents, frame: unknown) => ({ sender, senderFrame: frame }) as unknown as IpcMainInvokeEvent;

  assert.ok(isTrustedSender(event(ours, mainFrame), window, page));
  assert.ok(isTrustedSender(event(ours, mainFrame), window, `${page}#displays`));
  assert.ok(!isTrustedSender(event(other, other.mainFrame), window, page), "another window");
  assert.ok(!isTrustedSender(event(ours, { url: page }), window, page), "a subframe");
  assert.ok(!isTrustedSender(event(ours, null), window, page), "a destroyed frame");
  assert.ok(!isTrustedSender(event(ours, mainFrame), undefined, page), "no window");
  const navigated = { mainFrame: { url: "https://evil.example/" } } as unknown as WebContents;
  assert.ok(!isTrustedSender(event(navigated, navigated.mainFrame), { webContents: navigated }, page), "a foreign page");
});

test("the stop/pause widget window is as locked down as the panel, on top, unfocusable and out of captures", () => {
  const options = widgetWindowOptions("/app/widgetPreload.js", { x: 0, y: 0, width: 1920, height: 1040 });
  const prefs = options.webPreferences ?? {};
  assert.deepEqual(prefs, secureWebPreferences("/app/widgetPreload.js"), "the same web preferences as the panel");
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(options.focusable, false, "clicking Stop must not take focus from the app the agent types into");
  assert.equal(options.alwaysOnTop, true);
  assert.equal(options.skipTaskbar, true);
  assert.equal(options.frame, false);
  assert.equal(options.show, false);
  // Inside the work area, top right.
  assert.ok(options.x! + options.width! <= 1920 && options.x! > 1000 && options.y! >= 0);

  const calls: string[] = [];
  protectWidgetWindow({
    setContentProtection: (on) => calls.push(`contentProtection ${on}`),
    setAlwaysOnTop: (on, level) => calls.push(`alwaysOnTop ${on} ${level}`),
    setVisibleOnAllWorkspaces: (on, o) => calls.push(`allWorkspaces ${on} ${o.visibleOnFullScreen}`),
  });
  assert.deepEqual(calls, ["contentProtection true", "alwaysOnTop true screen-saver", "allWorkspaces true true"]);
});

test("the widget page carries the same CSP and loads only bundled files", () => {
  const source = readFileSync(join(repoRoot, "renderer/widget/index.html"), "utf8");
  assert.match(source, /<meta http-equiv="Content-Security-Policy" content="%DESKPILOT_CSP%" \/>/);
  const built = join(repoRoot, "dist/renderer/widget/index.html");
  if (!existsSync(built)) return; // built by npm run build:renderer; the source check above still holds
  const html = readFileSync(built, "utf8");
  assert.ok(html.includes(`content="${CONTENT_SECURITY_POLICY}"`), "the built page has the policy filled in");
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
  assert.doesNotMatch(html, /(src|href)="(https?:|\/\/)/, "nothing remote");
  assert.ok(isAllowedUrl(pathToFileURL(built).href, join(repoRoot, "dist/renderer")), "the request filter lets the widget page load");
});

test("the widget may send only its four commands", () => {
  for (const command of ["stop", "pause", "resume", "show-panel"]) assert.ok(isWidgetCommand(command), command);
  for (const other of ["startRun", "STOP", "", null, 1, { command: "stop" }, ["stop"]]) assert.ok(!isWidgetCommand(other), JSON.stringify(other));
});
