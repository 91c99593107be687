import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ControlServer } from "../../agent/server/ControlServer.js";
import { LocalService } from "../../agent/service/LocalService.js";
import { LocalMacros } from "../../agent/macros/LocalMacros.js";
import { ConfirmBroker } from "../../agent/policy/ConfirmBroker.js";
import { RunsController } from "../../agent/loop/RunsController.js";
import { defaultAgentOptions } from "../../agent/loop/AgentPorts.js";
import { systemClock } from "../../agent/loop/Clock.js";
import { defaultSafetyPolicy } from "../../agent/policy/SafetyPolicy.js";
import { FileRunStore } from "../../agent/runs/FileRunStore.js";
import { FileRunHistory } from "../../agent/runs/FileRunHistory.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { singleHd } from "../support/displayLayouts.js";
import { repoRoot } from "../support/repoRoot.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { ScriptedDecider, call } from "../unit/loop/support/ScriptedDecider.js";

const CHROMIUM = "/usr/bin/chromium";
const panelDir = join(repoRoot, "dist", "renderer");
const missing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

// The Macros screen's "successful run" list, over the real runs slice, history and macros slice:
// a run that ends while the screen is open (started by another client, as `deskpilot` or a
// second window would) appears in the list without a reload; a failed one does not.
describe("the Macros screen's list of successful runs follows runs as they end", { skip: skipUnlessAvailable(missing), timeout: 120_000 }, () => {
  let root: string;
  let server: ControlServer;
  let service: LocalService;
  let browser: Browser;
  let page: Page;
  const input = new FakeInputDriver();
  // One scripted model per run, in order.
  const done = (status: "success" | "failure") => [() => call({ action: "terminate", status })];
  const scripts = [done("success"), done("failure"), done("success")];

  const choices = () => page.getByLabel("Successful run").locator("option");
  const runEnded = (runId: string) => new Promise<void>((resolve) => service.on("run-state", (e) => e.runId === runId && e.state === "finished" && resolve()));

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "deskpilot-macro-run-choices-"));
    const runsDir = join(root, "runs");
    const library = join(root, "macros");
    mkdirSync(library, { recursive: true });
    const screen = new FakeScreenSource(singleHd);
    const confirms = new ConfirmBroker((e) => service.emit(e));
    const runs = new RunsController(
      {
        screen,
        input,
        clock: systemClock,
        store: new FileRunStore(runsDir),
        failSafePollMs: 0,
        createDecider: async () => new ScriptedDecider(scripts.shift() ?? []),
        defaults: {
          ...defaultAgentOptions,
          policy: defaultSafetyPolicy,
          bounds: { minImageTokens: 64, maxImageTokens: 512 },
          settle: { timeoutMs: 200, intervalMs: 50, minChangedPixels: 40 },
        },
      },
      (e) => service.emit(e),
      confirms,
    );
    const macros = new LocalMacros({ screen, input, library, runsDir, onEvent: (e) => service.emit(e), confirms });
    service = new LocalService(screen, input, { runs, confirms, history: new FileRunHistory(runsDir), macros: { api: macros, library } });
    server = new ControlServer({ service, panelDir });
    const url = await server.listen();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(url);
    await page.getByRole("tab", { name: "Macros" }).click();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await service?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test("no successful run yet: the screen says so", async () => {
    await page.getByText("No successful runs yet").waitFor();
  });

  test("a run that succeeds while the screen is open is offered at once; one that fails is not", async () => {
    const { runId } = await service.startRun("Fill in the expense claim", { maxSteps: 3 });
    await runEnded(runId);
    await choices().filter({ hasText: "Fill in the expense claim" }).waitFor({ state: "attached" });
    assert.equal(await page.getByLabel("Successful run").locator(`option[value="${runId}"]`).count(), 1);

    // A failed run, then another success: once the second success is listed, the list was read
    // after the failure ended too, and the failure is not in it.
    const failed = await service.startRun("Book the flight", { maxSteps: 3 });
    await runEnded(failed.runId);
    const second = await service.startRun("Send the weekly report", { maxSteps: 3 });
    await runEnded(second.runId);
    await choices().filter({ hasText: "Send the weekly report" }).waitFor({ state: "attached" });
    const listed = (await choices().allInnerTexts()).filter((t) => t !== "choose a run…");
    assert.equal(listed.length, 2, listed.join(" | "));
    assert.ok(!listed.some((t) => t.includes("Book the flight")), listed.join(" | "));
    assert.equal(input.calls.length, 0, "terminate sends no input");
  });
});
