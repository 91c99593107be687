import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ControlServer } from "../../agent/server/ControlServer.js";
import { LocalService } from "../../agent/service/LocalService.js";
import { LocalMacros } from "../../agent/macros/LocalMacros.js";
import { ConfirmBroker } from "../../agent/policy/ConfirmBroker.js";
import { parseMacro } from "../../agent/macros/parseMacro.js";
import type { Display } from "../../agent/geometry/Display.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { repoRoot } from "../support/repoRoot.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { sampleMacro } from "../unit/macros/support/sampleMacro.js";
import { CANCEL, SEND, centre, frameAt, recordRun } from "../unit/macros/support/recordRun.js";
import { call } from "../unit/loop/support/ScriptedDecider.js";

const CHROMIUM = "/usr/bin/chromium";
const panelDir = join(repoRoot, "dist", "renderer");
const artifacts = join(repoRoot, ".deskpilot-test");
const missing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");
/** Retries an assertion until it holds or `ms` pass (the page updates after a call returns). */
async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const DISPLAY: Display = { id: "0", name: "fake", x: 0, y: 0, width: 1280, height: 800, scaleFactor: 1, primary: true };

// The Macros screen in a browser against `deskpilot serve`'s server, over the real macros slice and
// a temporary library; screen and input are fakes. This service has no run history, so listRuns
// answers UNKNOWN_METHOD and the run to save is typed in.
describe("the Macros screen, through deskpilot serve", { skip: skipUnlessAvailable(missing) }, () => {
  let tmp: string;
  let library: string;
  let server: ControlServer;
  let browser: Browser;
  let page: Page;
  let input: FakeInputDriver;
  const consoleErrors: string[] = [];
  const file = (name: string) => join(library, `${name}.json`);

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "macros-screen-"));
    library = join(tmp, "macros");
    mkdirSync(library);
    writeFileSync(file("form"), JSON.stringify(sampleMacro()));
    writeFileSync(file("broken"), "{ not json");
    const runs = join(tmp, "runs");
    await recordRun(runs, "run-sent", [
      `I will click the Send button.\n${call({ action: "left_click", coordinate: frameAt(centre(SEND)) })}`,
      call({ action: "type", text: "hello" }),
      call({ action: "double_click", coordinate: frameAt(centre(CANCEL)) }),
      call({ action: "terminate", status: "success" }),
    ]);
    const screen = new FakeScreenSource([DISPLAY]);
    input = new FakeInputDriver();
    const confirms = new ConfirmBroker((e) => service.emit(e));
    const macros = new LocalMacros({ screen, input, library, runsDir: runs, onEvent: (e) => service.emit(e), confirms });
    const service: LocalService = new LocalService(screen, input, { macros: { api: macros, library }, confirms });
    server = new ControlServer({ service, panelDir });
    const url = await server.listen();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.goto(url);
    await page.getByRole("tab", { name: "Macros" }).click();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("the library lists each macro, and a broken file with its error", async () => {
    const table = page.getByRole("table", { name: "Macro library" });
    await table.getByRole("row", { name: /fill the form/ }).waitFor();
    const broken = table.getByRole("row", { name: /broken/ });
    assert.match(await broken.innerText(), /MACRO_INVALID.*not valid/s);
    assert.equal(await broken.getByRole("button").count(), 0, "a broken file cannot be opened or played");
  });

  test("edits (text, delete, reorder, a wait, a description) are saved to the file; an invalid edit is refused with the reason", async () => {
    await page.getByRole("button", { name: "Open form" }).click();
    const steps = page.getByRole("list", { name: "Steps" });
    await steps.getByRole("listitem", { name: "Step 7" }).waitFor();
    await page.getByLabel("Text of step 2").fill("Hi {{name}}, Zoë!");
    await page.getByRole("button", { name: "Delete step 3" }).click(); // the ctrl+a chord
    await page.getByRole("button", { name: "Move step 2 up" }).click(); // typing first
    await page.getByRole("button", { name: "Add a wait after step 1" }).click();
    await page.getByLabel("Wait of step 2 (ms)").fill("750");
    await page.getByLabel("Description of step 3", { exact: true }).fill("the Name box");
    await page.getByLabel("Wait before step 3 (ms)").fill("200");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved 7 steps to form.json" }).waitFor();
    const saved = parseMacro(readFileSync(file("form"), "utf8"));
    assert.deepEqual(
      saved.steps.map((s) => s.kind),
      ["type", "wait", "click", "scroll", "drag", "wait", "click"],
    );
    assert.ok(saved.steps[0]!.kind === "type" && saved.steps[0]!.text === "Hi {{name}}, Zoë!");
    assert.ok(saved.steps[1]!.kind === "wait" && saved.steps[1]!.ms === 750);
    assert.ok(saved.steps[2]!.kind === "click" && saved.steps[2]!.target.description === "the Name box" && saved.steps[2]!.waitBeforeMs === 200);

    const before = readFileSync(file("form"), "utf8");
    await page.getByLabel("Wait of step 2 (ms)").fill("99999999");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "MACRO_INVALID" }).waitFor();
    assert.equal(readFileSync(file("form"), "utf8"), before, "the refused edit left the file as it was");
    await page.getByRole("button", { name: "Revert" }).click();
    await eventually(async () => assert.equal(await page.getByLabel("Wait of step 2 (ms)").inputValue(), "750"));
  });

  test("play shows each step as it happens and the report; a failed step is named with its reason and nothing runs after it", async () => {
    await page.getByLabel("{{city}}").fill("Zürich");
    await page.getByLabel(/Fast mode/).check();
    await page.getByRole("button", { name: "Play" }).click();
    const progress = page.getByRole("status", { name: "Replay progress" });
    await progress.getByText(/Played 7 steps in/).waitFor();
    assert.equal(await progress.locator("li.macro-outcome-done").count(), 7);
    assert.equal(input.calls.filter((c) => c.kind === "type")[0]?.text, "Hi Ada, Zoë!", "the variable's default filled in");

    // Not fast: step 1 types, but this fake screen never changes, so its check fails and the replay stops there.
    const sent = input.calls.length;
    await page.getByLabel(/Fast mode/).uncheck();
    await page.getByRole("button", { name: "Play" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Step 1 failed" });
    await alert.waitFor();
    assert.match(await alert.innerText(), /did not change.*Nothing was sent after it/s);
    assert.match(await progress.innerText(), /Stopped at step 1 of 7/);
    assert.equal(await progress.locator("li.macro-outcome-failed").count(), 1);
    assert.equal(await progress.locator("li").count(), 1, "no step after the failed one started");
    assert.equal(input.calls.length - sent, 1, "only step 1's typing was sent");
  });

  test("a run is saved as a macro by its id (no run history in this service); an unknown run says so", async () => {
    const form = page.getByRole("region", { name: "Save a run as a macro" });
    await form.getByLabel("Run id").fill("no-such-run");
    await form.getByLabel("Macro name").fill("sent");
    await form.getByRole("button", { name: "Save run as macro" }).click();
    await form.getByRole("alert").filter({ hasText: "UNKNOWN_RUN" }).waitFor();
    await form.getByLabel("Run id").fill("run-sent");
    await form.getByRole("button", { name: "Save run as macro" }).click();
    await form.getByRole("status").filter({ hasText: "Saved run run-sent as sent: 3 steps" }).waitFor();
    assert.equal(parseMacro(readFileSync(file("sent"), "utf8")).steps.length, 3);

    // The new macro is in the library, with its crops, and plays (fast) with live progress.
    await page.getByRole("button", { name: "Open sent" }).click();
    await page.getByRole("img", { name: "Crop of step 1" }).waitFor();
    assert.equal(await page.getByLabel("Description of step 1").inputValue(), "I will click the Send button.");
    // "Send" is a risky word: the safety policy holds the click until the user allows it here.
    const sent = input.calls.length;
    await page.getByLabel(/Fast mode/).check();
    await page.getByRole("button", { name: "Play" }).click();
    const dialog = page.getByRole("alertdialog", { name: /Allow this step/ });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /step 1: .*send/i);
    assert.equal(input.calls.length, sent, "nothing sent while the question is open");
    await dialog.getByRole("button", { name: "Allow" }).click();
    await page
      .getByRole("status", { name: "Replay progress" })
      .getByText(/Played 3 steps/)
      .waitFor();
    assert.equal(await dialog.count(), 0);
    assert.deepEqual(input.calls[sent], { kind: "click", at: { x: 360, y: 218 }, button: "left", count: 1 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "panel-macros.png"), fullPage: true });
    assert.deepEqual(consoleErrors, []);
  });
});
