/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deskpilot, deskpilotJson, BIN } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openPlayground, CHROMIUM, type Playground, type CssRect } from "./support/playground.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import type { Display } from "../../agent/capture/Display.js";
import type { MacroPlayReport } from "../../agent/macros/MacroPlayReport.js";
import type { MacroSummary } from "../../agent/macros/MacrosApi.js";

const FORM = fileURLToPath(new URL("../../../test/e2e/fixtures/macro-form.html", import.meta.url));
const adopt = process.env["DISPLAY"];
const skip = skipUnlessAvailable(missingBinaries(...(adopt ? [] : ["Xvfb", "openbox", "xrandr"]), CHROMIUM));
const NAME = "Ada Lovelace";

interface FormState {
  items: string[];
  urgent: boolean;
  saved: boolean;
}

/**
 * Record once with real input events (XTEST through `deskpilot act`, seen by the recorder's
 * global hook), then replay on changed variants of the page and check what the page received.
 */
describe(`macros: record on a real display, replay after the layout changes (${adopt ? `DISPLAY ${adopt}` : "own Xvfb"})`, { skip }, () => {
  let server: XServer;
  let display: Display;
  let page: Playground;
  let tmp: string;
  let macroFile: string;
  const medians: Record<string, number> = {};
  const env = () => server.env;
  const centre = (r: CssRect) => [Math.round(display.x + r.x + r.width / 2), Math.round(display.y + r.y + r.height / 2)];
  const state = () => page.page.evaluate(() => (window as unknown as { __macro: FormState }).__macro);
  const act = async (action: object) => {
    const r = await deskpilot(["act", JSON.stringify(action)], env());
    assert.equal(r.code, 0, r.stderr);
  };

  /** Loads the form in one of its variants; "resized" also turns the fullscreen window into a smaller one. */
  async function show(variant: string): Promise<void> {
    const cdp = await page.page.context().newCDPSession(page.page);
    const { windowId } = (await cdp.send("Browser.getWindowForTarget")) as { windowId: number };
    if (variant === "resized") {
      await cdp.send("Browser.setWindowBounds", { windowId, bounds: { windowState: "normal" } });
      await cdp.send("Browser.setWindowBounds", { windowId, bounds: { left: display.x + 90, top: display.y + 70, width: Math.round(display.width * 0.7), height: Math.round(display.height * 0.8) } });
    } else {
      await cdp.send("Browser.setWindowBounds", { windowId, bounds: { windowState: "fullscreen" } });
    }
    await page.page.goto(`file://${FORM}?variant=${variant}`);
    await page.page.waitForTimeout(500);
  }

  async function play(args: string[]): Promise<{ code: number | null; report: MacroPlayReport; stderr: string }> {
    const r = await deskpilot(["macro", "play", macroFile, "--json", "--runs-dir", join(tmp, "runs"), ...args], env());
    return { code: r.code, report: JSON.parse(r.stdout) as MacroPlayReport, stderr: r.stderr };
  }

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-macro-e2e-"));
    macroFile = join(tmp, "contact.json");
    server = adopt ? { display: adopt, env: process.env, stop: async () => {} } : await startXvfb({ width: 1280, height: 800 });
    const { displays } = await deskpilotJson<{ displays: Display[] }>(["capture", "--list"], env());
    display = displays.find((d) => d.primary) ?? displays[0]!;
    page = await openPlayground(server.display, { x: display.x, y: display.y }, display.scaleFactor);
  });

  after(async () => {
    await page?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("record: clicks and typing become five semantic steps with crops; the stop key ends it", async () => {
    await show("base");
    const recorder = spawn(process.execPath, [BIN, "macro", "record", macroFile, "--name", "add a contact", "--json"], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    recorder.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    const exited = new Promise<number | null>((resolve) => recorder.once("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      recorder.stderr.on("data", (b: Buffer) => {
        stderr += b.toString();
        if (stderr.includes("recording:")) resolve();
      });
      void exited.then(() => reject(new Error(`recorder exited early: ${stderr}`)));
    });
    const rect = (id: string) => page.rect(id);
    await act({ action: "left_click", coordinate: centre(await rect("name")) });
    await act({ action: "type", text: NAME });
    await act({ action: "left_click", coordinate: centre(await rect("add")) });
    await act({ action: "left_click", coordinate: centre(await rect("urgent")) });
    await act({ action: "left_click", coordinate: centre(await rect("save")) });
    assert.deepEqual(await state(), { items: [NAME], urgent: true, saved: true }, "the recorded task itself worked");
    await act({ action: "key", keys: ["scrolllock"] });
    assert.equal(await exited, 0, stderr);
    const summary = JSON.parse(stdout) as MacroSummary;
    assert.deepEqual(summary.steps.map((s) => s.kind), ["click", "type", "click", "click", "click"], JSON.stringify(summary.steps));
    assert.match(summary.steps[1]!.summary, new RegExp(`type "${NAME}"`));
    const listed = await deskpilot(["macro", "show", macroFile], env());
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /add a contact — 5 steps/);
  });

  for (const variant of ["base", "moved", "theme", "banner", "resized"]) {
    test(`replay on the "${variant}" page completes the task`, async (t) => {
      await show(variant);
      const { code, report, stderr } = await play([]);
      assert.equal(code, 0, `${report.reason ?? ""}\n${stderr}`);
      assert.equal(report.ok, true);
      assert.deepEqual(await state(), { items: [NAME], urgent: true, saved: true });
      medians[variant] = report.medianStepMs;
      const conf = report.steps.flatMap((s) => s.located ?? []).map((l) => l.confidence?.toFixed(2)).join(" ");
      t.diagnostic(`${variant}: ok, median step ${Math.round(report.medianStepMs)} ms, total ${Math.round(report.totalMs)} ms, confidences ${conf}`);
    });
  }

  test("when a target is gone, replay stops at that step with a report and touches nothing after it", async () => {
    await show("gone");
    const { code, report } = await play([]);
    assert.equal(code, 1);
    assert.equal(report.ok, false);
    assert.equal(report.failedStep, 3);
    assert.match(report.reason!, /could not find/);
    assert.equal(report.steps.length, 3);
    assert.ok((report.steps[2]!.screenshots ?? []).length >= 1, "failure screenshots");
    // Steps 1-2 ran (the name is typed), nothing after step 3: Urgent and Save were never clicked.
    assert.deepEqual(await state(), { items: [], urgent: false, saved: false });
    assert.equal(await page.page.inputValue("#name"), NAME);
  });

  test("variables: the typed text becomes {{who}} and replays Unicode exactly", async () => {
    const macro = JSON.parse(readFileSync(macroFile, "utf8")) as { variables: object; steps: { kind: string; text?: string }[] };
    macro.variables = { who: { description: "the contact's name" } };
    macro.steps[1]!.text = "{{who}}";
    writeFileSync(macroFile, JSON.stringify(macro));
    await show("moved");
    const who = "Zoë Łukasz 東京 👩‍💻";
    const { code, report } = await play(["--var", `who=${who}`]);
    assert.equal(code, 0, report.reason);
    assert.deepEqual(await state(), { items: [who], urgent: true, saved: true });
  });

  test("fast mode replays the recorded coordinates", async (t) => {
    await show("base");
    const { code, report } = await play(["--fast", "--var", `who=${NAME}`]);
    assert.equal(code, 0, report.reason);
    assert.ok(report.steps.every((s) => (s.located ?? []).every((l) => l.method === "recorded")));
    assert.deepEqual(await state(), { items: [NAME], urgent: true, saved: true });
    t.diagnostic(`fast: median step ${Math.round(report.medianStepMs)} ms; matched replays' medians ${JSON.stringify(medians)}`);
  });
});
