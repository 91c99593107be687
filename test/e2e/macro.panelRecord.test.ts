import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { ControlServer } from "../../agent/server/ControlServer.js";
import { parseMacro } from "../../agent/macros/parseMacro.js";
import type { Display } from "../../agent/geometry/Display.js";
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

// Recording from the panel: the service's recorder hooks the global input of a real X server
// (where `deskpilot act` injects clicks and keys through XTEST); the panel, in a browser, starts
// it, sees the stop key's request, and saves the recording under a name.
describe("the Macros screen records global input on a real display", { skip: skipUnlessAvailable(missing) }, () => {
  let xserver: XServer;
  let tmp: string;
  let server: ControlServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "macros-panel-record-"));
    xserver = await startXvfb(SCREEN);
    // The recorder's child process hooks the display this process names.
    process.env["DISPLAY"] = xserver.display;
    server = macrosPanelServer(tmp, DISPLAY);
    const url = await server.listen();
    // The panel's browser is headless: it is not on the recorded display.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage();
    await page.goto(url);
    await page.getByRole("tab", { name: "Macros" }).click();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await xserver?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("start, act on the desktop, press the stop key (the panel says the recording ended), name it: the macro is saved and listed", async () => {
    const act = async (action: object) => {
      const r = await deskpilot(["act", JSON.stringify(action)], xserver.env);
      assert.equal(r.code, 0, r.stderr);
    };
    await page.getByRole("button", { name: "Start recording" }).click();
    await page.getByRole("status").filter({ hasText: "Recording…" }).waitFor();
    await new Promise((r) => setTimeout(r, 500)); // the hook and the frame tap settle
    await act({ action: "left_click", coordinate: [300, 200] });
    await act({ action: "type", text: "hi there" });
    await act({ action: "key", keys: ["ctrl+shift+f9"] });
    // The recorder's text follows the stop key: it no longer says it is recording.
    await page.getByRole("status").filter({ hasText: "The stop key ended the recording: nothing more is recorded" }).waitFor();
    assert.equal(await page.getByText("Recording…").count(), 0);
    await page.getByLabel("Save the recording as").fill("clicked");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText(/Recorded 2 steps as clicked/).waitFor();
    await page
      .getByRole("table", { name: "Macro library" })
      .getByRole("row", { name: /clicked/ })
      .waitFor();
    const macro = parseMacro(readFileSync(join(tmp, "macros", "clicked.json"), "utf8"));
    assert.deepEqual(
      macro.steps.map((s) => s.kind),
      ["click", "type"],
    );
    assert.ok(macro.steps[0]!.kind === "click" && macro.steps[0]!.target.point.x === 300 && macro.steps[0]!.target.crop);
    assert.ok(macro.steps[1]!.kind === "type" && macro.steps[1]!.text === "hi there");
  });
});
