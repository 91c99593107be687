import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Display } from "../../electron/shared/ipcContract.js";
import { CONTENT_SECURITY_POLICY } from "../../electron/main/contentSecurityPolicy.js";
import { repoRoot } from "../support/repoRoot.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { installFakePreloadApi, type FakeServiceHandle, type RecordedCall } from "./support/installFakePreloadApi.js";
import { serveDirectory } from "./support/serveDirectory.js";

const CHROMIUM = "/usr/bin/chromium";
const pageDir = join(repoRoot, "dist", "renderer");
const ONE_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const displays: Display[] = [
  { id: "0", name: "eDP-1", x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 1, primary: true },
  { id: "1", name: "HDMI-1", x: 1920, y: 0, width: 1280, height: 720, scaleFactor: 2, primary: false },
];

const missing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(pageDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

// The real built control panel in Chromium, with the preload API faked in the page.
describe("control panel in Chromium", { skip: skipUnlessAvailable(missing) }, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDirectory>>;
  let page: Page;
  const cspViolations: string[] = [];

  before(async () => {
    server = await serveDirectory(pageDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type"] });
    page = await browser.newPage();
    page.on("console", (m) => {
      if (m.text().includes("Content Security Policy")) cspViolations.push(m.text());
    });
    await page.addInitScript(installFakePreloadApi, { displays, pngBase64: ONE_PIXEL_PNG });
    await page.goto(server.url);
    await page.getByRole("tab", { name: "Tools" }).click();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const calls = (): Promise<RecordedCall[]> => page.evaluate(() => (globalThis as unknown as FakeServiceHandle).__deskpilotCalls);

  test("the built page carries the app's one CSP", async () => {
    const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
    assert.equal(await meta.getAttribute("content"), CONTENT_SECURITY_POLICY);
  });

  test("lists the displays with geometry and scale", async () => {
    const second = page.getByTestId("display-1");
    await second.waitFor();
    assert.match(await second.innerText(), /HDMI-1\s+1920, 0\s+1280×720\s+2×/);
    assert.match(await page.getByTestId("display-0").innerText(), /primary/);
  });

  test("malformed action JSON shows an error and calls nothing", async () => {
    await page.getByLabel("computer_use action (JSON)").fill('{"action": "left_click",');
    await page.getByRole("button", { name: "Validate" }).click();
    await page.getByRole("alert").filter({ hasText: "INVALID_JSON" }).waitFor();
    assert.equal((await calls()).filter(([m]) => m === "act").length, 0);
  });

  test("an action the service rejects shows its code and message", async () => {
    await page.getByLabel("computer_use action (JSON)").fill('{"action": "teleport"}');
    await page.getByRole("button", { name: "Validate" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "INVALID_ACTION" });
    assert.match(await alert.innerText(), /No input was sent/);
  });

  test("a valid action runs as a dry run by default", async () => {
    await page.getByLabel("computer_use action (JSON)").fill('{"action": "mouse_move", "coordinate": [10, 20]}');
    await page.getByRole("button", { name: "Validate" }).click();
    const status = page.getByRole("status").filter({ hasText: "mouse_move" });
    assert.match(await status.innerText(), /Valid \(dry run\): mouse_move at 10, 20 on display 0/);
    assert.deepEqual((await calls()).at(-1), ["act", { action: "mouse_move", coordinate: [10, 20] }, { dryRun: true }]);
  });

  test("Capture shows the image under the page's CSP", async () => {
    await page.getByRole("button", { name: "Capture" }).click();
    const image = page.getByRole("img", { name: "Capture of display 0" });
    await image.waitFor();
    assert.equal(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), 1);
    assert.match(await page.locator("figcaption").innerText(), /1920×1080 native pixels/);
    assert.deepEqual(cspViolations, []);
  });

  test("service events update the displays and show errors as dismissible notices", async () => {
    const moved: Display = { ...displays[1]!, x: -1280 };
    await page.evaluate(
      ([d]) => {
        const fake = globalThis as unknown as FakeServiceHandle;
        fake.__deskpilotEmit({ type: "displays-changed", displays: [d!] });
        fake.__deskpilotEmit({ type: "error", error: { code: "ENGINE_CRASHED", message: "The model process stopped." } });
      },
      [moved],
    );
    assert.match(await page.getByTestId("display-1").innerText(), /-1280, 0/);
    assert.equal(await page.getByTestId("display-0").count(), 0);
    const notice = page.getByRole("alert").filter({ hasText: "ENGINE_CRASHED" });
    assert.match(await notice.innerText(), /The model process stopped/);
    await page.getByRole("button", { name: "Dismiss ENGINE_CRASHED" }).click();
    await notice.waitFor({ state: "detached" });
  });

  test("a confirmation goes to the screen its source names, whatever its run id looks like", async () => {
    await page.getByRole("tab", { name: "Task" }).click();
    const key = { action: "key" as const, keys: ["alt", "f4"] };
    await page.evaluate((action) => {
      const fake = globalThis as unknown as FakeServiceHandle;
      // A replay's question with a run-like id, then a run's with a replay-like one: neither may land on the other's screen.
      fake.__deskpilotEmit({
        type: "confirm-request",
        source: "macro",
        runId: "2026-12-03T10-00-00-000Z-abcd1234",
        requestId: "q-macro",
        action,
        reason: "step 1: the replay's question",
      });
      fake.__deskpilotEmit({ type: "confirm-request", source: "run", runId: "macro-lookalike", requestId: "q-run", action, reason: "the run's question" });
    }, key);
    const dialog = page.getByRole("dialog", { name: "Allow this action?" });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Why DeskPilot asks: the run's question/);
    await page.evaluate(() => {
      const fake = globalThis as unknown as FakeServiceHandle;
      fake.__deskpilotEmit({ type: "confirm-answered", source: "run", runId: "macro-lookalike", requestId: "q-run", allowed: false });
    });
    await dialog.waitFor({ state: "detached" });
    assert.equal(await page.getByRole("dialog").count(), 0, "the replay's question never reached the Task screen");
  });
});
