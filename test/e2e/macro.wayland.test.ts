/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openWaylandPlayground, type Playground, type CssRect } from "./support/playground.js";
import { startSway, type WaylandServer } from "./support/wayland.js";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";
import { smartResize } from "../../agent/geometry/smartResize.js";
import { DEFAULT_TOKEN_BOUNDS } from "../../agent/frames/TokenBounds.js";
import type { MacroPlayReport } from "../../agent/macros/MacroPlayReport.js";
import type { MacroSummary } from "../../agent/macros/MacrosApi.js";

const FORM = fileURLToPath(new URL("../../../test/e2e/fixtures/macro-form.html", import.meta.url));
const SCREEN = { width: 1280, height: 800 };
const NAME = "Ada Lovelace";
const DONE = { items: [NAME], urgent: true, saved: true };
const call = (args: object) => `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;

const addon = loadWaylandAddon();
const missing = missingBinaries("sway", "chromium", ...(process.getuid?.() === 0 ? ["runuser"] : [])) ?? (typeof addon === "string" ? addon : undefined);

// e2e/macro.fromRun on a wlroots desktop: the run, saved as a macro, replays on a native Wayland
// client after its layout changes, through screencopy and the virtual pointer and keyboard.
describe("a successful agent run saved as a macro replays after the layout changes on Wayland (headless sway)", { skip: skipUnlessAvailable(missing) }, () => {
  let sway: WaylandServer;
  let page: Playground;
  let tmp: string;
  const macroFile = () => join(tmp, "from-run.json");
  const state = () => page.page.evaluate(() => (window as unknown as { __macro: typeof DONE }).__macro);
  const show = async (variant: string) => {
    await page.page.goto(`file://${FORM}?variant=${variant}`);
    await page.page.waitForTimeout(300);
  };
  /** The model-frame point a model would name for the centre of a CSS rect (the page fills the display at 1:1). */
  const at = (r: CssRect) => {
    const f = smartResize(SCREEN.width, SCREEN.height, DEFAULT_TOKEN_BOUNDS.minImageTokens, DEFAULT_TOKEN_BOUNDS.maxImageTokens);
    return [Math.round(((r.x + r.width / 2) * f.width) / SCREEN.width), Math.round(((r.y + r.height / 2) * f.height) / SCREEN.height)];
  };

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-wayland-macro-e2e-"));
    sway = await startSway([{ ...SCREEN, x: 0, y: 0, background: "#202020" }]);
    page = await openWaylandPlayground(sway.env);
  });
  after(async () => {
    await page?.close();
    await sway?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("the run succeeds, is saved as a five-step macro, and the macro completes the task on the moved, banner and theme variants of the page", async (t) => {
    await show("base");
    const answers = [
      call({ action: "left_click", coordinate: at(await page.rect("name")) }),
      call({ action: "type", text: NAME }),
      ...(await Promise.all(["add", "urgent", "save"].map(async (id) => call({ action: "left_click", coordinate: at(await page.rect(id)) })))),
      call({ action: "terminate", status: "success" }),
    ];
    const answersFile = join(tmp, "answers.json");
    writeFileSync(answersFile, JSON.stringify(answers));
    const run = await deskpilot(
      ["run", "Add Ada Lovelace as an urgent contact", "--replay", answersFile, "--runs-dir", join(tmp, "runs"), "--json"],
      sway.sessionEnv,
    );
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { status: string; dir: string };
    assert.equal(result.status, "success");
    assert.deepEqual(await state(), DONE, "the run itself did the task");

    const saved = await deskpilot(["macro", "record", macroFile(), "--from-run", result.dir, "--json"], sway.sessionEnv);
    assert.equal(saved.code, 0, saved.stderr);
    const summary = JSON.parse(saved.stdout) as MacroSummary;
    assert.deepEqual(
      summary.steps.map((s) => s.kind),
      ["click", "type", "click", "click", "click"],
    );
    assert.ok(
      summary.steps.every((s) => s.kind === "type" || /crop \d+x\d+/.test(s.summary)),
      JSON.stringify(summary.steps),
    );

    for (const variant of ["moved", "banner", "theme"]) {
      await show(variant);
      assert.deepEqual(await state(), { items: [], urgent: false, saved: false });
      const play = await deskpilot(["macro", "play", macroFile(), "--json", "--runs-dir", join(tmp, "runs")], sway.sessionEnv);
      assert.match(play.stderr, /Wayland gives no global stop key/, "the replay says how to stop it here");
      const report = JSON.parse(play.stdout) as MacroPlayReport;
      assert.equal(play.code, 0, `${variant}: ${report.reason ?? ""}\n${play.stderr}`);
      assert.deepEqual(await state(), DONE, variant);
      const conf = report.steps.flatMap((s) => s.located ?? []).map((l) => `${l.method} ${l.confidence?.toFixed(2) ?? ""}`);
      t.diagnostic(`${variant}: ok, median step ${Math.round(report.medianStepMs)} ms; targets ${conf.join(", ")}`);
    }
  });
});
