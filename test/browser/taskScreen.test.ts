import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { ControlServer } from "../../agent/server/ControlServer.js";
import { LocalService } from "../../agent/service/LocalService.js";
import { RunsController } from "../../agent/loop/RunsController.js";
import { ConfirmBroker } from "../../agent/policy/ConfirmBroker.js";
import { defaultAgentOptions } from "../../agent/loop/AgentPorts.js";
import { systemClock } from "../../agent/loop/Clock.js";
import type { DecideRequest } from "../../agent/loop/Decider.js";
import { defaultSafetyPolicy } from "../../agent/policy/SafetyPolicy.js";
import { FileRunStore } from "../../agent/runs/FileRunStore.js";
import { FileRunHistory } from "../../agent/runs/FileRunHistory.js";
import { DeskPilotError } from "../../agent/errors/DeskPilotError.js";
import type { Point, Rect } from "../../agent/geometry/Display.js";
import { FakeInputDriver, type InputCall } from "../support/FakeInputDriver.js";
import { repoRoot } from "../support/repoRoot.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { ScriptedDecider, call, hang, type Answer } from "../unit/loop/support/ScriptedDecider.js";
import { FakeMailDesktop, MAIL, MAIL_DISPLAY, centre } from "./support/FakeMailDesktop.js";
import { ModelsPanelRig, panelMissing } from "./support/modelsPanelRig.js";

const CHROMIUM = "/usr/bin/chromium";
const panelDir = join(repoRoot, "dist", "renderer");
const artifacts = join(repoRoot, ".deskpilot-test", "browser");
const missing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

const TASK = "Write to ada@example.com about lunch on Friday and send it";

/** A click or typing answer in the model frame's pixels, for a point given in screen pixels. */
const at = (p: Point, r: DecideRequest): [number, number] => {
  const { width, height } = r.screenshot.frame;
  return [Math.floor((p.x * width) / MAIL_DISPLAY.width), Math.floor((p.y * height) / MAIL_DISPLAY.height)];
};
const clickOn =
  (p: Point): Answer =>
  (r) =>
    call({ action: "left_click", coordinate: at(p, r) });
const within = (p: Point, r: Rect) => p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height;
const clicksIn = (calls: readonly InputCall[], r: Rect) => calls.filter((c) => c.kind === "click" && within(c.at, r));

/** How many strongly red pixels (the recorded mark's colour) the step screenshot `alt` has within 12 px of `p`. */
const redNear = (page: Page, alt: string, p: Point) =>
  page.evaluate(
    ({ alt, x, y }) => {
      const img = document.querySelector(`img[alt='${alt}']`) as HTMLImageElement;
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const g = canvas.getContext("2d")!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(Math.round(x) - 12, Math.round(y) - 12, 25, 25).data;
      let red = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 220 && d[i + 1]! < 90 && d[i + 2]! < 90) red++;
      return red;
    },
    { alt, ...p },
  );

/** A promise the test resolves by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  return { promise: new Promise<void>((r) => (open = r)), open };
}

// The real panel served by `deskpilot serve`'s ControlServer, over the real service and runs
// slice (RunsController, the agent loop, a FileRunStore and the history over it). Only the
// machine's edges are fakes: a scripted model, a drawn mail desktop, a recording input driver.
describe("the Task and History screens drive a real run through deskpilot serve", { skip: skipUnlessAvailable(missing), timeout: 120_000 }, () => {
  let root: string;
  let server: ControlServer;
  let service: LocalService;
  let browser: Browser;
  let page: Page;
  let panelUrl: string;
  let runs: RunsController;
  const input = new FakeInputDriver({ x: 5, y: 5 });
  const desktop = new FakeMailDesktop(input);
  const failedRequests: string[] = [];
  const consoleErrors: string[] = [];
  const atStep2 = gate();
  const releaseStep2 = gate();
  let modelInstalled = false;

  const mailRun: Answer[] = [
    clickOn(centre(MAIL.to)),
    async (r) => {
      atStep2.open();
      await Promise.race([releaseStep2.promise, new Promise((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason)))]);
      return call({ action: "type", text: "ada@example.com" });
    },
    clickOn(centre(MAIL.subject)),
    () => call({ action: "type", text: "Lunch on Friday?" }),
    clickOn(centre(MAIL.deleteDraft)),
    clickOn(centre(MAIL.send)),
    hang(),
  ];
  const dryRun: Answer[] = [clickOn(centre(MAIL.send)), () => call({ action: "terminate", status: "success" })];
  // One scripted model per run, in order.
  const scripts = [mailRun, dryRun];

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "deskpilot-task-screen-"));
    mkdirSync(artifacts, { recursive: true });
    const confirms = new ConfirmBroker((e) => service.emit(e));
    runs = new RunsController(
      {
        screen: desktop,
        input,
        inspector: desktop,
        clock: systemClock,
        store: new FileRunStore(root),
        failSafePollMs: 0,
        liveFrames: true,
        // What the app service's check says on a machine with no model yet (assertSelectedModelLoadable).
        preflight: async () => {
          if (!modelInstalled)
            throw new DeskPilotError(
              "MODEL_NOT_INSTALLED",
              "No run started: qwen2.5-vl-3b is not downloaded yet; run `deskpilot models pull qwen2.5-vl-3b` (about 3.2 GB)",
            );
        },
        createDecider: async () => {
          const script = scripts.shift();
          if (!script) throw new Error("the test started more runs than it scripted");
          return new ScriptedDecider(script);
        },
        defaults: {
          ...defaultAgentOptions,
          policy: defaultSafetyPolicy,
          bounds: { minImageTokens: 64, maxImageTokens: 512 },
          settle: { timeoutMs: 1500, intervalMs: 50, minChangedPixels: 40 },
        },
      },
      (e) => service.emit(e),
      confirms,
    );
    service = new LocalService(desktop, input, { runs, confirms, history: new FileRunHistory(root) });
    server = new ControlServer({ service, panelDir });
    panelUrl = await server.listen();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1100, height: 1300 }, acceptDownloads: true });
    page.on("requestfailed", (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    await page.goto(panelUrl);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await service?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test(
    "with no model installed, no run starts: the service refuses with MODEL_NOT_INSTALLED and the panel points to the Models tab",
    { timeout: 45_000 },
    async () => {
      await page.getByText("No run yet").waitFor();
      await page.getByRole("textbox", { name: "Task" }).fill(TASK);
      await page.getByRole("button", { name: "Run" }).click();
      const note = page.getByRole("region", { name: "No model yet" });
      await note.waitFor();
      assert.match(await note.innerText(), /not downloaded yet/);
      assert.match(await note.innerText(), /Models/);
      assert.match(await note.innerText(), /did not start/);
      assert.equal(await page.getByRole("status", { name: "Run state" }).count(), 0, "no run to show");
      assert.deepEqual(await service.listRuns(), [], "no run was recorded");
      assert.equal(input.calls.length, 0);
    },
  );

  test("a run streams its steps in with screenshots and the action drawn where the model pointed", { timeout: 45_000 }, async () => {
    modelInstalled = true;
    await page.getByLabel("Max steps").fill("20");
    await page.getByRole("button", { name: "Run" }).click();
    await page.getByRole("button", { name: /^Step 1: left_click at \d+, \d+, done$/ }).waitFor();
    const live = page.getByRole("region", { name: `Run: ${TASK}` });
    const shot = live.getByRole("img", { name: "Screen at step 1" });
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>("img[alt='Screen at step 1']")?.naturalWidth === 1920);
    assert.ok(await shot.isVisible());
    assert.equal(await page.getByRole("region", { name: "No model yet" }).count(), 0, "the note goes once a run starts");
    // One mark: the one the run record drew where the click went, not a second one drawn over it.
    assert.equal(await live.locator("figure.step-shot svg").count(), 0, "nothing is drawn over the recorded screenshot");
    assert.ok((await redNear(page, "Screen at step 1", centre(MAIL.to))) > 10, "the recorded mark is on the To field");
    assert.match(await live.getByTestId("step-line").innerText(), /^Step 1 · left_click at \d+, \d+/);
    const thumb = page.getByRole("button", { name: /^Step 1:/ }).locator("img");
    await thumb.waitFor();
    assert.deepEqual(clicksIn(input.calls, MAIL.to.rect).length, 1);
  });

  test("pause holds every input event until resume", { timeout: 45_000 }, async () => {
    await atStep2.promise; // the model is thinking about step 2
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("status", { name: "Run state" }).filter({ hasText: "Paused" }).waitFor();
    releaseStep2.open(); // the model answers while paused
    const before = input.calls.length;
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(input.calls.length, before, "nothing was typed while paused");
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByRole("button", { name: /^Step 2: type “ada@example.com”, done/ }).waitFor();
    assert.deepEqual(input.calls[before], { kind: "type", text: "ada@example.com" }, "the paused step's action went out after resume");
  });

  test("the policy's confirmations come up as dialogs: Deny keeps the action from the input, Allow lets it through", { timeout: 45_000 }, async () => {
    const dialog = page.getByRole("dialog", { name: "Allow this action?" });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /left_click at \d+, \d+/);
    assert.match(await dialog.innerText(), /the target "Delete draft" says "delete"/);
    await page.screenshot({ path: join(artifacts, "task-confirm.png") });
    await dialog.getByRole("button", { name: "Deny" }).click();
    await page.getByRole("button", { name: /^Step 5: left_click at \d+, \d+, refused$/ }).waitFor();

    await dialog.waitFor();
    assert.match(await dialog.innerText(), /the target "Send" says "send"/);
    // The panel reloads while the run waits on the question: it takes the run over and asks again.
    await page.reload();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /the target "Send" says "send"/);
    await page.getByRole("region", { name: `Run: ${TASK}` }).waitFor();
    await page.getByRole("button", { name: /^Step 5: left_click at \d+, \d+, refused$/ }).waitFor();
    assert.equal(clicksIn(input.calls, MAIL.send.rect).length, 0, "nothing was sent while the question was open");
    // A second window (another device on the network, say) answers: the question closes in this one too.
    const otherWindow = await browser.newContext();
    try {
      const other = await otherWindow.newPage();
      await other.goto(panelUrl);
      const otherDialog = other.getByRole("dialog", { name: "Allow this action?" });
      await otherDialog.waitFor();
      assert.match(await otherDialog.innerText(), /the target "Send" says "send"/);
      await otherDialog.getByRole("button", { name: "Allow" }).click();
      await dialog.waitFor({ state: "detached" });
    } finally {
      await otherWindow.close();
    }
    await page.getByRole("button", { name: /^Step 6: left_click at \d+, \d+, done$/ }).waitFor();
    assert.equal(clicksIn(input.calls, MAIL.deleteDraft.rect).length, 0, "the denied click never reached the input driver");
    assert.equal(clicksIn(input.calls, MAIL.send.rect).length, 1, "the allowed click did");
    assert.deepEqual(
      input.calls.filter((c) => c.kind === "type").map((c) => c.kind === "type" && c.text),
      ["ada@example.com", "Lunch on Friday?"],
    );
  });

  test("the model's raw answer shows on demand, and Stop ends the run with nothing sent after it", { timeout: 45_000 }, async () => {
    await page.getByRole("status", { name: "Run state" }).filter({ hasText: "Running, step 6" }).waitFor();
    await page.getByRole("button", { name: "Show the model's answer" }).click();
    const raw = page.getByLabel("Model answer for step 6");
    await raw.filter({ hasText: "<tool_call>" }).waitFor();
    assert.match(await raw.innerText(), /"action":"left_click"/);
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>("img[alt='Screen at step 6']")?.complete === true);
    await page.screenshot({ path: join(artifacts, "task.png"), fullPage: true });

    const sent = input.calls.length;
    await page.getByRole("button", { name: "Stop" }).click();
    await page.getByRole("status", { name: "Run state" }).filter({ hasText: "Finished: stopped" }).waitFor();
    assert.equal(input.calls.length, sent);
    // The reload emptied the form: a new task can go in once this run has ended.
    await page.getByRole("textbox", { name: "Task" }).fill(TASK);
    assert.equal(await page.getByRole("button", { name: "Run" }).isEnabled(), true);
  });

  test("a dry run plans and shows its steps but sends no input, not even for a risky click", { timeout: 45_000 }, async () => {
    const sent = input.calls.length;
    await page.getByRole("textbox", { name: "Task" }).fill("Send the draft to Ada");
    await page.getByRole("checkbox", { name: /Dry run/ }).check();
    await page.getByRole("button", { name: "Run" }).click();
    await page.getByRole("status", { name: "Run state" }).filter({ hasText: "Finished: success" }).waitFor();
    await page.getByRole("button", { name: /^Step 1: left_click at \d+, \d+, dry-run$/ }).waitFor();
    await page.getByRole("button", { name: /^Step 2: terminate \(success\), terminate$/ }).waitFor();
    assert.equal(await page.getByRole("dialog").count(), 0, "nothing to confirm: nothing is done");
    assert.equal(input.calls.length, sent);
    await page.getByRole("checkbox", { name: /Dry run/ }).uncheck();
  });

  test("History lists the runs newest first, opens a run's steps, and downloads its self-contained report", { timeout: 45_000 }, async () => {
    await page.getByRole("tab", { name: "History" }).click();
    const rows = page.locator("table.run-list tbody tr");
    await rows.nth(1).waitFor();
    const texts = await rows.allInnerTexts();
    assert.equal(texts.length, 2, "the refused start left no run behind");
    assert.match(texts[0]!, /^Send the draft to Ada\s*dry run\s+success\s+2\s/);
    assert.match(texts[1]!, new RegExp(`^${TASK}\\s+stopped\\s+6\\s`));
    await page.screenshot({ path: join(artifacts, "history-list.png"), fullPage: true });

    await page.getByRole("button", { name: TASK }).click();
    const detail = page.getByRole("region", { name: `Run: ${TASK}` });
    await detail.getByText(/stopped: stopped by the user · 6 steps/).waitFor();
    await page.getByRole("button", { name: /^Step 5:/ }).click();
    await detail.getByText(/the user denied it/).waitFor();
    await page.getByRole("button", { name: /^Step 6:/ }).click();
    await detail.getByText(/the user allowed it/).waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>("img[alt='Screen at step 6']")?.naturalWidth === 1920);
    assert.ok((await redNear(page, "Screen at step 6", centre(MAIL.send))) > 10, "the recorded mark is on Send");
    await page.screenshot({ path: join(artifacts, "history.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), detail.getByRole("button", { name: "Download report" }).click()]);
    assert.match(download.suggestedFilename(), /^deskpilot-run-.+\.html$/);
    const file = join(artifacts, "report.html");
    await download.saveAs(file);
    const html = readFileSync(file, "utf8");
    for (const n of [1, 2, 3, 4, 5, 6]) assert.match(html, new RegExp(`id="step-${n}"`));
    assert.match(html, /user refused/);

    // The report opens on its own, from a file, with nothing to fetch.
    const report = await browser.newPage();
    const reportFailures: string[] = [];
    report.on("requestfailed", (r) => reportFailures.push(r.url()));
    report.on("request", (r) => !r.url().startsWith("file:") && !r.url().startsWith("data:") && reportFailures.push(r.url()));
    await report.goto(pathToFileURL(file).href);
    const loaded = await report.locator("img").evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth > 0));
    assert.deepEqual(loaded, [true, true, true, true, true, true]);
    assert.deepEqual(reportFailures, []);
    await report.close();
  });

  test("nothing failed on the way: no failed request, no console error", { timeout: 45_000 }, () => {
    assert.deepEqual(failedRequests, []);
    assert.deepEqual(consoleErrors, []);
  });
});

// A fresh install: the real models slice on an empty models folder, no endpoint, no run yet.
describe("the Task screen of a panel with no model says so as it opens", { skip: skipUnlessAvailable(panelMissing), timeout: 60_000 }, () => {
  const rig = new ModelsPanelRig();
  before(() => rig.start());
  after(() => rig.close());

  test("the note shows before any Run, names the model to pull and the files way, and links to the Models screen", async () => {
    const { page } = rig;
    await page.goto(rig.url);
    const note = page.getByRole("region", { name: "No model yet" });
    await note.waitFor();
    const text = await note.innerText();
    assert.match(text, /not downloaded yet/);
    assert.match(text, /Download the recommended model, .+ \(.+, about [\d.]+ GB\)/);
    assert.match(text, /Use these files/);
    assert.doesNotMatch(text, /did not start/, "nothing was refused: Run was never pressed");
    assert.equal(await page.getByText("No run yet").count(), 0);
    await rig.screenshot("task-no-model.png");

    await note.getByRole("button", { name: "Open the Models screen" }).click();
    await page.getByRole("tab", { name: "Models", selected: true }).waitFor();
    await page.getByRole("heading", { name: "Use these files" }).waitFor();
  });

  test("once a model is there (here a remote endpoint), the Task screen no longer shows the note", async () => {
    const { page } = rig;
    await rig.service.updateSettings({ endpoint: { preset: "custom", baseUrl: "http://127.0.0.1:9/v1", model: "qwen2.5-vl" } });
    await page.getByRole("tab", { name: "Task" }).click();
    await page.getByText("No run yet").waitFor();
    assert.equal(await page.getByRole("region", { name: "No model yet" }).count(), 0);
  });

  test("a selected id the catalog lacks is named as such, not as a download; GGUF files of one's own count as a model", async () => {
    const { page } = rig;
    const reopenTask = async () => {
      await page.getByRole("tab", { name: "History" }).click();
      await page.getByRole("tab", { name: "Task" }).click();
    };
    await rig.service.updateSettings({ endpoint: null, model: { id: "no-such-model" } });
    await reopenTask();
    const note = page.getByRole("region", { name: "No model yet" });
    await note.waitFor();
    assert.match(await note.innerText(), /not in this DeskPilot's catalog/);

    await rig.service.updateSettings({ model: { files: { model: join(rig.home, "m.gguf"), mmproj: join(rig.home, "mmproj.gguf") } } });
    await reopenTask();
    await note.waitFor({ state: "detached" });
    await page.getByText("No run yet").waitFor();
    assert.deepEqual(rig.consoleErrors, []);
  });
});

// Watching a run work: the model loads slowly and answers slowly (each held by a gate the test
// opens), so the panel's phase line, loading phase, live screen and step timings can be seen.
describe("the Task screen shows what a run is doing while it works", { skip: skipUnlessAvailable(missing), timeout: 90_000 }, () => {
  let root: string;
  let server: ControlServer;
  let service: LocalService;
  let browser: Browser;
  let page: Page;
  const input = new FakeInputDriver({ x: 5, y: 5 });
  const desktop = new FakeMailDesktop(input);
  const consoleErrors: string[] = [];
  const modelLoaded = gate();
  const thinking = gate();
  const answerStep1 = gate();
  const answerStep2 = gate();
  const held =
    (open: Promise<void>, answer: Answer) =>
    async (r: DecideRequest): Promise<string> => {
      await Promise.race([open, new Promise((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason)))]);
      return typeof answer === "string" ? answer : answer(r);
    };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "deskpilot-task-watch-"));
    mkdirSync(artifacts, { recursive: true });
    const confirms = new ConfirmBroker((e) => service.emit(e));
    const runs = new RunsController(
      {
        screen: desktop,
        input,
        inspector: desktop,
        clock: systemClock,
        store: new FileRunStore(root),
        failSafePollMs: 0,
        liveFrames: true,
        createDecider: async (_signal, onLoading) => {
          onLoading?.("qwen-test.gguf, 3.2 GB with its projector");
          await modelLoaded.promise;
          return new ScriptedDecider([
            (r) => (thinking.open(), held(answerStep1.promise, clickOn(centre(MAIL.to)))(r)),
            held(answerStep2.promise, call({ action: "terminate", status: "success" })),
          ]);
        },
        defaults: {
          ...defaultAgentOptions,
          policy: defaultSafetyPolicy,
          bounds: { minImageTokens: 64, maxImageTokens: 512 },
          settle: { timeoutMs: 1500, intervalMs: 50, minChangedPixels: 40 },
        },
      },
      (e) => service.emit(e),
      confirms,
    );
    service = new LocalService(desktop, input, { runs, confirms, history: new FileRunHistory(root) });
    server = new ControlServer({ service, panelDir });
    const url = await server.listen();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    await page.goto(url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await service?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const phase = () => page.getByRole("status", { name: "Run phase" });

  test("before the first step, the model's loading is its own phase, with a progress bar and its time ticking", async () => {
    await page.getByRole("textbox", { name: "Task" }).fill("Write to Ada");
    await page.getByRole("button", { name: "Run" }).click();
    await phase()
      .filter({ hasText: /^loading the model \d+\.\d s$/ })
      .waitFor();
    await page.getByRole("progressbar", { name: "Loading the model" }).waitFor();
    await page.getByText("qwen-test.gguf, 3.2 GB with its projector").waitFor();
    const first = await phase().innerText();
    await page.waitForFunction((was) => document.querySelector("[aria-label='Run phase']")?.textContent !== was, first);
    assert.match(await phase().innerText(), /^loading the model \d+\.\d s$/, "the same phase, a later time");
    assert.equal(await page.getByRole("button", { name: /^Step 1:/ }).count(), 0, "no step before the model is there");
    assert.equal(input.calls.length, 0);
    await page.screenshot({ path: join(artifacts, "task-loading.png"), fullPage: true });
    modelLoaded.open();
  });

  test("while the model thinks, the phase line says so with its elapsed time, and the live view shows the screen", async () => {
    await thinking.promise;
    await phase()
      .filter({ hasText: /^Step 1: asking the model \d+\.\d s$/ })
      .waitFor();
    assert.equal(await page.getByRole("progressbar", { name: "Loading the model" }).count(), 0, "loading is over");
    const live = page.getByRole("img", { name: "Live view of the screen" });
    await live.waitFor();
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>("img[alt='Live view of the screen']")?.naturalWidth ?? 0) > 0);
    const size = await live.evaluate((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]);
    assert.ok(size[0]! <= 640 && size[1]! <= 640, `the live view is a small picture (${size.join("×")})`);
    assert.ok(Math.abs(size[0]! / size[1]! - 1920 / 1080) < 0.02, "of the whole screen");
    await page.screenshot({ path: join(artifacts, "task-watching.png"), fullPage: true });
    // A panel reloaded mid-step takes the run over with what it does now and its screen, not from its next phase on.
    await page.reload();
    await phase()
      .filter({ hasText: /^Step 1: asking the model \d+\.\d s$/ })
      .waitFor();
    await page.getByRole("img", { name: "Live view of the screen" }).waitFor();
    answerStep1.open();
  });

  test("each step in the timeline shows where its time went, by phase, as the report does", async () => {
    const step1 = page.getByRole("button", { name: /^Step 1: left_click at \d+, \d+, done$/ });
    await step1.waitFor();
    const timings = step1.getByTestId("step-timings");
    await timings.waitFor();
    const text = await timings.innerText();
    for (const name of ["model", "settle"]) assert.match(text, new RegExp(`\\b${name} \\d+(\\.\\d)? m?s\\b`), `${name} in "${text}"`);
    assert.doesNotMatch(text, /confirm/, "a phase the step did not go through is left out");
    // Step 2 works on the screen step 1 left: the live view follows it.
    await phase()
      .filter({ hasText: /^Step 2: asking the model/ })
      .waitFor();
    await page.getByText(/^Live screen · step 1$/).waitFor();
    answerStep2.open();
  });

  test("when the run ends, the phase line and the live view go; the timeline stays", async () => {
    await page.getByRole("status", { name: "Run state" }).filter({ hasText: "Finished: success" }).waitFor();
    assert.equal(await phase().count(), 0);
    assert.equal(await page.getByRole("img", { name: "Live view of the screen" }).count(), 0);
    assert.equal(
      await page
        .getByRole("button", { name: /^Step 1:/ })
        .getByTestId("step-timings")
        .count(),
      1,
    );
    assert.deepEqual(consoleErrors, []);
  });
});
