/// <reference lib="dom" />
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { ControlServer } from "../../agent/server/ControlServer.js";
import { parseMacro } from "../../agent/macros/parseMacro.js";
import type { Display, Point } from "../../agent/geometry/Display.js";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { CHROMIUM } from "./support/playground.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { macrosPanelServer, panelDir } from "./support/macrosPanelServer.js";

const SCREEN = { width: 1280, height: 800 };
const DISPLAY: Display = { id: "0", name: "xvfb", x: 0, y: 0, ...SCREEN, scaleFactor: 1, primary: true };
const missing =
  missingBinaries("Xvfb", "openbox", CHROMIUM) ??
  (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

/** An app of the user's: one text field. */
const NOTES_APP =
  "data:text/html,<title>notes</title><body style='margin:0'><input id=note style='position:absolute;left:40px;top:60px;width:300px;height:40px'>";

/** Puts `page`'s window at `bounds` (screen px) and returns where its content's CSS pixel (0,0) lies on the screen. */
async function placeWindow(
  context: BrowserContext,
  page: Page,
  bounds: { left: number; top: number; width: number; height: number },
  act: (a: object) => Promise<void>,
): Promise<Point> {
  const cdp = await context.newCDPSession(page);
  const { windowId } = (await cdp.send("Browser.getWindowForTarget")) as { windowId: number };
  await cdp.send("Browser.setWindowBounds", { windowId, bounds: { windowState: "normal", ...bounds } });
  await page.waitForTimeout(300);
  // A real click in the window's middle says where its content starts: screenX - clientX.
  const pressed = page.evaluate(
    () =>
      new Promise<Point>((resolve) => addEventListener("pointerdown", (e) => resolve({ x: e.screenX - e.clientX, y: e.screenY - e.clientY }), { once: true })),
  );
  await act({ action: "left_click", coordinate: [bounds.left + bounds.width / 2, bounds.top + bounds.height / 2] });
  return pressed;
}

/** The screen point at the middle of `selector` in a page whose content starts at `origin`. */
async function centreOn(page: Page, origin: Point, selector: string): Promise<[number, number]> {
  const target = page.locator(selector);
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  return [Math.round(origin.x + box.x + box.width / 2), Math.round(origin.y + box.y + box.height / 2)];
}

// `deskpilot serve`'s panel in a browser on the very desktop being recorded, as most users of
// serve have it. The server cannot know where that window is, so the page reports when it got
// input and the recorder leaves those events out. Every click and key here is real X input
// (XTEST, through `deskpilot act`): the hook sees it, and so does whichever window it reaches.
describe("a recording started from a browser panel on the same desktop leaves the panel's input out", { skip: skipUnlessAvailable(missing) }, () => {
  let xserver: XServer;
  let tmp: string;
  let server: ControlServer;
  let browser: Browser;
  const act = async (action: object) => {
    const r = await deskpilot(["act", JSON.stringify(action)], xserver.env);
    assert.equal(r.code, 0, r.stderr);
  };

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "macros-panel-desktop-"));
    xserver = await startXvfb(SCREEN);
    process.env["DISPLAY"] = xserver.display; // the recorder's child hooks this display
    server = macrosPanelServer(tmp, DISPLAY);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      env: { ...process.env, DISPLAY: xserver.display },
      args: ["--test-type", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-gpu", "--password-store=basic"],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await xserver?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("clicks on the panel and the name typed into it are not recorded; the work on the desktop is", { timeout: 90_000 }, async () => {
    // Two windows side by side (a context each: pages of one context would be tabs of one window).
    const notesWindow = await browser.newContext({ viewport: null });
    const notes = await notesWindow.newPage();
    await notes.goto(NOTES_APP);
    const notesAt = await placeWindow(notesWindow, notes, { left: 0, top: 0, width: 600, height: 500 }, act);
    const panelWindow = await browser.newContext({ viewport: null });
    const panel = await panelWindow.newPage();
    await panel.goto(await server.listen());
    const panelAt = await placeWindow(panelWindow, panel, { left: 640, top: 0, width: 640, height: 800 }, act);
    await panel.getByRole("tab", { name: "Macros" }).click();
    await panel.getByRole("button", { name: "Start recording" }).click();
    await panel.getByRole("status").filter({ hasText: "Recording…" }).waitFor();
    await panel.waitForTimeout(500); // the hook and the frame tap settle

    // The task, in the user's app.
    await act({ action: "left_click", coordinate: await centreOn(notes, notesAt, "#note") });
    await act({ action: "type", text: "hi there" });
    // Naming and saving it, in the panel.
    await act({ action: "left_click", coordinate: await centreOn(panel, panelAt, "#macro-record-name") });
    await act({ action: "type", text: "notes" });
    await act({ action: "left_click", coordinate: await centreOn(panel, panelAt, "button:has-text('Stop and save')") });
    await panel.getByText(/Recorded \d+ steps as notes/).waitFor();

    // Both windows got their input for real, so the hook saw all of it.
    assert.equal(await notes.inputValue("#note"), "hi there");
    const macro = parseMacro(readFileSync(join(tmp, "macros", "notes.json"), "utf8"));
    assert.deepEqual(
      macro.steps.map((s) => (s.kind === "type" ? `type ${s.text}` : s.kind)),
      ["click", "type hi there"],
    );
    const click = macro.steps[0]!;
    assert.ok(
      click.kind === "click" && click.target.point.x < 600,
      `the click recorded is the one on the notes app: ${JSON.stringify(click.kind === "click" && click.target.point)}`,
    );
    await panel.getByText(/Recorded 2 steps as notes/).waitFor();
  });
});
