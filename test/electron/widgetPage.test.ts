import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import type { WidgetApi, WidgetCommand, WidgetView } from "../../electron/shared/widgetContract.js";
import { repoRoot } from "../support/repoRoot.js";
import { WIDGET_SIZE } from "../../electron/main/widgetWindowOptions.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

const CHROMIUM = "/usr/bin/chromium";
const page = join(repoRoot, "dist/renderer/widget/index.html");
const missing = missingBinaries(CHROMIUM) ?? (existsSync(page) ? undefined : "the widget page is not built (run `npm run build:renderer`)");

interface Harness {
  __commands: WidgetCommand[];
  __show: (view: WidgetView) => void;
}

/** Stands in for widgetPreload.ts in the page; serialized by Playwright, so self-contained. */
function installFakeWidgetApi(): void {
  const w = globalThis as unknown as { deskpilotWidget: WidgetApi } & Harness;
  const listeners: ((view: WidgetView) => void)[] = [];
  w.__commands = [];
  w.__show = (view) => listeners.forEach((l) => l(view));
  w.deskpilotWidget = {
    command: (c) => void w.__commands.push(c),
    onView: (l) => {
      listeners.push(l);
      return () => {};
    },
  };
}

const acting: WidgetView = {
  phase: "acting",
  label: "Run acting",
  canPause: true,
  canResume: false,
  canStop: true,
  stopHotkey: "Ctrl+Alt+Escape",
  pauseHotkey: "Ctrl+Alt+P",
};

// The built widget page in Chromium at the widget's own size, under its CSP, with a fake preload.
describe("the stop/pause widget page", { skip: skipUnlessAvailable(missing) }, () => {
  let browser: Browser;
  let tab: Page;
  const errors: string[] = [];
  const show = (view: WidgetView) => tab.evaluate((v) => (globalThis as unknown as Harness).__show(v), view);
  const commands = () => tab.evaluate(() => (globalThis as unknown as Harness).__commands);

  before(async () => {
    // file:// module scripts need this flag in plain Chromium (Electron allows its own file pages).
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--allow-file-access-from-files"] });
    tab = await browser.newPage({ viewport: WIDGET_SIZE });
    tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.addInitScript(installFakeWidgetApi);
    await tab.goto(pathToFileURL(page).href);
  });

  after(async () => {
    await browser?.close();
  });

  test("shows the run's state and hotkeys; Stop, Pause and the panel button send their commands", async () => {
    await show(acting);
    await tab.getByRole("status").filter({ hasText: "Run acting" }).waitFor();
    assert.equal(await tab.locator("#hint").innerText(), "Stop: Ctrl+Alt+Escape");
    assert.equal(await tab.getByRole("button", { name: "Pause" }).getAttribute("title"), "Pause (Ctrl+Alt+P)");
    await tab.getByRole("button", { name: "Stop" }).click();
    await tab.getByRole("button", { name: "Pause" }).click();
    await tab.getByRole("button", { name: "Show DeskPilot" }).click();
    assert.deepEqual(await commands(), ["stop", "pause", "show-panel"]);
    mkdirSync(join(repoRoot, "dist/test-artifacts"), { recursive: true });
    await tab.screenshot({ path: join(repoRoot, "dist/test-artifacts/widget-acting.png") });
    assert.deepEqual(errors, [], "the page runs under its CSP without errors");
  });

  test("paused offers Resume; stopping disables both buttons", async () => {
    await show({ ...acting, phase: "paused", label: "Run paused", canPause: false, canResume: true });
    await tab.getByRole("button", { name: "Resume" }).click();
    assert.equal((await commands()).at(-1), "resume");
    await show({ ...acting, phase: "stopping", label: "Run stopping…", canPause: false, canStop: false });
    assert.equal(await tab.getByRole("button", { name: "Stop" }).isDisabled(), true);
    assert.equal(await tab.getByRole("button", { name: "Pause" }).isDisabled(), true);
  });

  test("a hotkey problem is shown as an alert", async () => {
    const problem = "The stop hotkey Ctrl+Alt+Escape is taken by another app; close that app or choose another hotkey in Settings.";
    await show({ ...acting, stopHotkey: undefined, problem });
    await tab.getByRole("alert").filter({ hasText: "taken by another app" }).waitFor();
    assert.equal(await tab.locator("#hint").innerText(), "");
    await tab.screenshot({ path: join(repoRoot, "dist/test-artifacts/widget-problem.png") });
  });
});
