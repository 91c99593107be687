import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ControlServer } from "../../agent/server/ControlServer.js";
import { LocalService } from "../../agent/service/LocalService.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { dualHidpi, singleHd } from "../support/displayLayouts.js";
import { repoRoot } from "../support/repoRoot.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

const CHROMIUM = "/usr/bin/chromium";
const panelDir = join(repoRoot, "dist", "renderer");
const missing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

// The token a restarted `deskpilot serve` keeps (per user, in its config): this test passes it to both servers.
const TOKEN = "reconnect-test-token-0123456789";

// A browser panel whose `deskpilot serve` goes away and comes back on the same port: it says it
// is disconnected, fails calls at once instead of hanging on them, and picks up the new server
// by itself, reading its state afresh.
describe("the panel notices its server is gone and reconnects when it returns", { skip: skipUnlessAvailable(missing), timeout: 120_000 }, () => {
  let server: ControlServer;
  let browser: Browser;
  let page: Page;
  let port: number;
  let input: FakeInputDriver;
  const banner = () => page.getByRole("alert", { name: "Disconnected" });

  const serve = async (displays: typeof singleHd, onPort = 0) => {
    input = new FakeInputDriver();
    server = new ControlServer({ service: new LocalService(new FakeScreenSource(displays), input), panelDir, token: TOKEN, port: onPort });
    return server.listen();
  };

  before(async () => {
    const url = await serve(dualHidpi);
    port = Number(new URL(url).port);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage();
    await page.goto(url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("connected: no banner, and the service answers", async () => {
    await page.getByRole("tab", { name: "Tools" }).click();
    await page.getByTestId("display-right").waitFor();
    assert.equal(await banner().count(), 0);
  });

  test("the server stops: the banner says so, and a call fails at once with what to do instead of hanging", async () => {
    await server.close();
    await banner().waitFor();
    assert.match(await banner().innerText(), /Disconnected from DeskPilot\..*reconnects, which it does by itself/s);

    await page.getByLabel("computer_use action (JSON)").fill('{"action": "mouse_move", "coordinate": [10, 20]}');
    await page.getByRole("button", { name: "Validate" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: /DISCONNECTED/ });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /Not sent: DeskPilot's server cannot be reached/);

    // The Task screen's Run: refused with the reason, not left at "Starting…".
    await page.getByRole("tab", { name: "Task" }).click();
    await page.locator("#task-text").fill("Open the expense form");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /DISCONNECTED/ })
      .waitFor();
    assert.equal(await page.getByRole("button", { name: "Starting…" }).count(), 0);
    assert.equal(input.calls.length, 0);
  });

  test("the server returns on the same port: the banner clears, the panel reads the new server's state, and calls work again", async () => {
    await serve(singleHd, port);
    await banner().waitFor({ state: "detached" });
    await page.getByRole("tab", { name: "Tools" }).click();
    // The new server has one display: the list was read again, without a reload.
    await page.getByTestId("display-1").waitFor();
    assert.equal(await page.getByTestId("display-right").count(), 0);

    await page.getByLabel("computer_use action (JSON)").fill('{"action": "mouse_move", "coordinate": [10, 20]}');
    await page.getByRole("button", { name: "Validate" }).click();
    await page.getByRole("status").filter({ hasText: "Valid (dry run): mouse_move at 10, 20" }).waitFor();
  });
});
