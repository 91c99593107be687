import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ControlServer } from "../../agent/server/ControlServer.js";
import { LocalService } from "../../agent/service/LocalService.js";
import { FileRunHistory } from "../../agent/runs/FileRunHistory.js";
import { RUN_LOG } from "../../agent/runs/FileRunStore.js";
import type { RunLogEntry } from "../../agent/runs/RunLogEntry.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { singleHd } from "../support/displayLayouts.js";
import { repoRoot } from "../support/repoRoot.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

const CHROMIUM = "/usr/bin/chromium";
const panelDir = join(repoRoot, "dist", "renderer");
const missing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

const display = singleHd[0]!;
const timings = { captureMs: 20, prepareMs: 5, modelMs: 900, policyMs: 1, confirmMs: 0, actMs: 10, settleMs: 200, totalMs: 1136 };

/** A finished run's log lines as FileRunStore writes them: start, `steps` clicks, end. */
function runLog(runId: string, task: string, startedAt: string, steps: number): RunLogEntry[] {
  return [
    { type: "run-start", runId, task, startedAt, settings: { dryRun: false }, display },
    ...Array.from({ length: steps }, (_, i): RunLogEntry => ({
      type: "step",
      step: i + 1,
      at: startedAt,
      capture: { width: 1920, height: 1080 },
      frame: { width: 1932, height: 1092 },
      raw: '{"action":"left_click"}',
      screenAction: { action: "left_click", coordinate: [100 + i, 200] },
      point: { x: 100 + i, y: 200 },
      outcome: "done",
      observation: `clicked at ${100 + i}, 200`,
      timings,
    })),
    { type: "run-end", at: startedAt, status: "success", reason: "the task is done", steps, totalMs: 1136 * steps },
  ];
}

// Real bad data, as an older or foreign writer (or a hand edit) leaves it: the panel must not go blank over it.
/** A step line without its timings: the run lists fine, but its detail view cannot draw the timeline. */
const stepWithoutTimings = (runId: string): unknown[] => {
  const [start, step, end] = runLog(runId, "Rename the report", "2026-11-20T09:00:00.000Z", 1) as [
    RunLogEntry,
    RunLogEntry & { timings?: unknown },
    RunLogEntry,
  ];
  const { timings: _dropped, ...untimed } = step;
  return [start, untimed, end];
};
/** A task that is an object, not text: even the run list cannot show it. */
const objectTask = (runId: string): unknown[] => [{ ...runLog(runId, "", "2026-11-30T09:00:00.000Z", 0)[0]!, task: { text: "Pay the invoice" } }];

// The History screen over the real history slice (FileRunHistory on a runs folder) through
// `deskpilot serve`'s ControlServer, in Debian's Chromium: opening, closing and switching runs
// and tabs keeps the panel drawn, and a record the panel cannot draw fails only its own view.
describe("the History screen keeps the panel drawn", { skip: skipUnlessAvailable(missing), timeout: 120_000 }, () => {
  const RUN_A = "2026-11-25T10-00-00-000Z-aaaa0001";
  const RUN_B = "2026-11-24T10-00-00-000Z-bbbb0002";
  const RUN_BAD_STEP = "2026-11-20T09-00-00-000Z-cccc0003";
  const RUN_BAD_TASK = "2026-11-30T09-00-00-000Z-dddd0004";
  let root: string;
  let server: ControlServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const writeRun = (runId: string, lines: unknown[]) => {
    mkdirSync(join(root, runId), { recursive: true });
    writeFileSync(join(root, runId, RUN_LOG), lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
  };
  const tab = (name: string) => page.getByRole("tab", { name, exact: true });
  const openRun = (task: string) => page.getByRole("button", { name: task, exact: true }).click();
  const detail = () => page.getByRole("region", { name: /^Run: / });
  /** The panel is drawn: its title, its tabs, and the chosen screen's heading. */
  const assertDrawn = async (heading: string) => {
    await page.getByRole("heading", { name: heading, exact: true }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "DeskPilot", level: 1 }).count(), 1);
    assert.equal(await page.getByRole("tab").count(), 6);
    assert.ok(await page.evaluate(() => document.getElementById("root")!.childElementCount > 0), "#root has content");
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "deskpilot-history-screen-"));
    writeRun(RUN_A, runLog(RUN_A, "Open the expense form", "2026-11-25T10:00:00.000Z", 2));
    writeRun(RUN_B, runLog(RUN_B, "Fill in the claim", "2026-11-24T10:00:00.000Z", 3));
    writeRun(RUN_BAD_STEP, stepWithoutTimings(RUN_BAD_STEP));
    const service = new LocalService(new FakeScreenSource(singleHd), new FakeInputDriver(), { history: new FileRunHistory(root) });
    server = new ControlServer({ service, panelDir });
    const url = await server.listen();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("open a run, close it, open others, switch tabs: the panel stays drawn throughout", async () => {
    await tab("History").click();
    await openRun("Open the expense form");
    await detail().waitFor();
    assert.match(await detail().innerText(), /Step 1 · done · .*clicked at 100, 200/s);
    await detail().getByRole("button", { name: "Close" }).click();
    await detail().waitFor({ state: "detached" });
    await assertDrawn("History");

    await openRun("Fill in the claim");
    await page.getByRole("heading", { name: "Run: Fill in the claim" }).waitFor();
    await openRun("Open the expense form"); // one open run replaces another
    await page.getByRole("heading", { name: "Run: Open the expense form" }).waitFor();
    await assertDrawn("History");

    for (const [name, heading] of [
      ["Task", "New task"],
      ["History", "History"],
      ["Models", "Models"],
      ["History", "History"],
    ] as const) {
      await tab(name).click();
      await assertDrawn(heading);
    }
    await openRun("Fill in the claim");
    await page.getByRole("heading", { name: "Run: Fill in the claim" }).waitFor();
    await tab("Settings").click();
    await assertDrawn("Settings");
    assert.deepEqual(pageErrors, []);
  });

  test("a run record the detail view cannot draw fails that view alone: the list and tabs stay, Close puts it away", async () => {
    await tab("History").click();
    await openRun("Rename the report");
    const failure = page.getByRole("alert").filter({ hasText: `Run ${RUN_BAD_STEP} could not be shown` });
    await failure.waitFor();
    assert.match(await failure.innerText(), /RENDER_FAILED .*timings|totalMs/);
    await assertDrawn("History");
    assert.equal(await page.getByRole("button", { name: "Fill in the claim", exact: true }).count(), 1, "the run list is still there");

    await failure.getByRole("button", { name: "Close this run" }).click();
    await failure.waitFor({ state: "detached" });
    await openRun("Open the expense form");
    await page.getByRole("heading", { name: "Run: Open the expense form" }).waitFor();
  });

  test("a record even the list cannot draw shows the History screen's own failure, with a way back to Task", async () => {
    writeRun(RUN_BAD_TASK, objectTask(RUN_BAD_TASK));
    await page.getByRole("button", { name: "Refresh" }).click();
    const failure = page.getByRole("alert").filter({ hasText: "The History screen could not be shown" });
    await failure.waitFor();
    assert.match(await failure.innerText(), /RENDER_FAILED /);
    assert.equal(await page.getByRole("tab").count(), 6, "the tabs are still drawn");

    await failure.getByRole("button", { name: "Back to Task" }).click();
    await assertDrawn("New task");
    assert.equal(await tab("Task").getAttribute("aria-selected"), "true");

    // With the bad record gone, History draws again: the failure belonged to that visit only.
    rmSync(join(root, RUN_BAD_TASK), { recursive: true });
    await tab("History").click();
    await assertDrawn("History");
    await page.getByRole("button", { name: "Fill in the claim", exact: true }).waitFor();
  });
});
