import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ControlServer } from "../../agent/server/ControlServer.js";
import { LocalService } from "../../agent/service/LocalService.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { dualHidpi } from "../support/displayLayouts.js";
import { repoRoot } from "../support/repoRoot.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

const CHROMIUM = "/usr/bin/chromium";
const panelDir = join(repoRoot, "dist", "renderer");
const missing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

// Browser mode: the real panel served by the control server, talking to a service over its
// WebSocket, as a user opening the URL `deskpilot serve` prints would.
describe("the control panel in a browser, through deskpilot serve", { skip: skipUnlessAvailable(missing) }, () => {
  let server: ControlServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  let input: FakeInputDriver;
  const failedRequests: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    input = new FakeInputDriver();
    server = new ControlServer({ service: new LocalService(new FakeScreenSource(dualHidpi), input), panelDir });
    url = await server.listen();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage();
    page.on("requestfailed", (r) => failedRequests.push(r.url()));
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the printed URL opens the panel, which lists the service's displays over the WebSocket", async () => {
    await page.goto(url);
    await page.getByRole("tab", { name: "Tools" }).click();
    assert.equal(new URL(page.url()).search, "", "the token leaves the address bar");
    const second = page.getByTestId(`display-${dualHidpi[1]!.id}`);
    await second.waitFor();
    assert.match(await second.innerText(), new RegExp(`${dualHidpi[1]!.width}×${dualHidpi[1]!.height}`));
    assert.deepEqual(failedRequests, []);
    assert.deepEqual(consoleErrors, []);
  });

  test("an action runs through the service: dry run by default, refused off-screen", async () => {
    await page.getByLabel("computer_use action (JSON)").fill('{"action": "left_click", "coordinate": [100000, 5]}');
    await page.getByRole("button", { name: "Validate" }).click();
    await page.getByRole("alert").filter({ hasText: "OFF_SCREEN" }).waitFor();
    assert.equal(input.calls.length, 0);
  });

  test("the same page without the token gets nothing", async () => {
    const other = await browser.newPage();
    const response = await other.goto(url.replace(/\?token=.*/, ""));
    assert.equal(response?.status(), 401);
    await other.close();
  });
});
