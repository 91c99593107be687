import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createServedApp, createServeServer, type ServedApp } from "../../agent/cli/commands/serveService.js";
import type { ControlServer } from "../../agent/server/ControlServer.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { dualHidpi } from "../support/displayLayouts.js";
import { repoRoot } from "../support/repoRoot.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

const CHROMIUM = "/usr/bin/chromium";
const panelDir = join(repoRoot, "dist", "renderer");
const missing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

/** `deskpilot serve` as it composes itself, on a Linux desktop whose session is `env` says. */
async function serve(env: NodeJS.ProcessEnv, home: string): Promise<{ app: ServedApp; server: ControlServer; url: string }> {
  const app = createServedApp({
    env: { ...env, DESKPILOT_HOME: home },
    platform: "linux",
    screen: new FakeScreenSource(dualHidpi),
    input: new FakeInputDriver(),
  });
  const server = createServeServer(app, { panelDir });
  return { app, server, url: await server.listen() };
}

// The guidance `deskpilot serve` computes at start reaches every panel that connects, and the
// panel shows each item with what to do.
describe("the permissions notice, from deskpilot serve", { skip: skipUnlessAvailable(missing), timeout: 60_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-permissions-"));
  const servers: ControlServer[] = [];
  const apps: ServedApp[] = [];
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  });
  after(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    for (const a of apps) await a.service.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  test("a Wayland session: the panel says DeskPilot cannot act here and what to do; dismissed, it stays away until the next visit", async () => {
    const { app, server, url } = await serve({ XDG_SESSION_TYPE: "wayland", DISPLAY: ":0" }, home);
    servers.push(server);
    apps.push(app);
    assert.deepEqual(
      app.guidance.map((g) => g.id),
      ["linux-wayland"],
    );
    await page.goto(url);
    const notice = page.getByRole("region", { name: "DeskPilot cannot act on this desktop yet" });
    await notice.waitFor();
    const text = await notice.innerText();
    // through XWayland (DISPLAY is set) it reaches X11 windows only, and says so
    assert.match(text, /Wayland session: DeskPilot sees and controls X11 windows only/);
    assert.match(text, /pick an X11 session at the login screen/);
    // It shows on every screen, above the tabs' content.
    await page.getByRole("tab", { name: "Models" }).click();
    await notice.waitFor();
    await notice.getByRole("button", { name: "Dismiss the permissions notice" }).click();
    await notice.waitFor({ state: "detached" });
    // A new connection (a reload, another device) is told again.
    await page.reload();
    await notice.waitFor();
    assert.deepEqual(consoleErrors, []);
  });

  test("an X11 session with a display: no notice", async () => {
    const { app, server, url } = await serve({ XDG_SESSION_TYPE: "x11", DISPLAY: ":0" }, home);
    servers.push(server);
    apps.push(app);
    assert.deepEqual(app.guidance, []);
    await page.goto(url);
    await page.getByRole("tab", { name: "Task" }).waitFor();
    // Give the greeting time to arrive: the notice must still not be there.
    await page.waitForTimeout(500);
    assert.equal(await page.locator(".permissions-notice").count(), 0);
  });

  test("no display at all: the notice says to set DISPLAY", async () => {
    const { app, server, url } = await serve({}, home);
    servers.push(server);
    apps.push(app);
    await page.goto(url);
    const notice = page.getByRole("region", { name: "DeskPilot cannot act on this desktop yet" });
    await notice.waitFor();
    assert.match(await notice.innerText(), /No X display[\s\S]*DISPLAY is not set/);
  });
});
