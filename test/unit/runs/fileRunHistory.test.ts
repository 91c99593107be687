import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { FileRunHistory } from "../../../agent/runs/FileRunHistory.js";
import { FileRunStore, RUN_LOG } from "../../../agent/runs/FileRunStore.js";
import { runAgent } from "../../../agent/loop/runAgent.js";
import { LocalService } from "../../../agent/service/LocalService.js";
import { createDispatcher } from "../../../agent/service/createDispatcher.js";
import type { Reply } from "../../../agent/service/serviceContract.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { loopHarness, DISPLAY } from "../loop/support/loopHarness.js";
import { call } from "../loop/support/ScriptedDecider.js";

const code = (r: Reply<unknown>) => (r.ok ? "ok" : r.error.code);

describe("run history over the runs folder", () => {
  let root: string;
  let outside: string;
  let history: FileRunHistory;

  /** A real loop run recorded to disk: a click, an unusable answer, then terminate. */
  async function recordRun(runId: string, overrides: { dryRun?: boolean; task?: string } = {}): Promise<void> {
    const h = loopHarness([call({ action: "left_click", coordinate: [280, 168] }), "not a tool call", call({ action: "terminate", status: "success" })], {
      runId,
      ...overrides,
    });
    await runAgent({ ...h.ports, record: await new FileRunStore(root).open(runId) }, h.options);
  }

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "deskpilot-history-"));
    outside = mkdtempSync(join(tmpdir(), "deskpilot-outside-"));
    history = new FileRunHistory(root);
    await recordRun("2026-01-01-older", { task: "open the editor" });
    await new Promise((r) => setTimeout(r, 5));
    await recordRun("2026-01-02-newer", { task: "fill in the form", dryRun: true });
    // Not runs: a folder without a log, a stray file, and a link to a run folder outside the root.
    mkdirSync(join(root, "not-a-run"));
    writeFileSync(join(root, "notes.txt"), "x");
    mkdirSync(join(outside, "secret"));
    writeFileSync(join(outside, "secret", RUN_LOG), "");
    symlinkSync(join(outside, "secret"), join(root, "linked"));
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  test("listRuns lists every run folder newest first with task, status, steps and time", async () => {
    const runs = await history.listRuns();
    assert.deepEqual(
      runs.map((r) => r.runId),
      ["2026-01-02-newer", "2026-01-01-older"],
    );
    const [newer, older] = runs;
    assert.equal(older!.task, "open the editor");
    assert.equal(older!.status, "success");
    assert.equal(older!.reason, "the model reported success");
    assert.equal(older!.steps, 3);
    assert.equal(older!.dryRun, false);
    assert.equal(typeof older!.totalMs, "number");
    assert.equal(newer!.dryRun, true);
    assert.ok(newer!.startedAt > older!.startedAt);
  });

  test("a run still going (or crashed) lists without a status, and a new line shows up on the next list", async () => {
    const log = readFileSync(join(root, "2026-01-01-older", RUN_LOG), "utf8")
      .trim()
      .split("\n");
    mkdirSync(join(root, "2026-01-03-live"));
    writeFileSync(join(root, "2026-01-03-live", RUN_LOG), `${log[0]!.replace(/"startedAt":"[^"]+"/, '"startedAt":"2099-01-01T00:00:00.000Z"')}\n`);
    let live = (await history.listRuns())[0]!;
    assert.equal(live.runId, "2026-01-03-live");
    assert.equal(live.status, undefined);
    assert.equal(live.steps, 0);
    appendFileSync(join(root, "2026-01-03-live", RUN_LOG), `${log[1]}\n{"type":"step","st`);
    live = (await history.listRuns())[0]!;
    assert.equal(live.steps, 1, "the cached summary is refreshed when the log grows; a torn line is skipped");
    rmSync(join(root, "2026-01-03-live"), { recursive: true });
  });

  test("a missing runs folder is an empty history, not an error", async () => {
    assert.deepEqual(await new FileRunHistory(join(root, "nothing-here")).listRuns(), []);
  });

  test("getRun gives each step's screen action, point, raw answer, outcome and screenshot size, and the display", async () => {
    const detail = await history.getRun("2026-01-01-older");
    assert.deepEqual(detail.display, DISPLAY);
    assert.equal(detail.summary.task, "open the editor");
    assert.deepEqual(
      detail.steps.map((s) => s.outcome),
      ["done", "failed", "terminate"],
    );
    const [click, bad] = detail.steps;
    assert.deepEqual(click!.action, { action: "left_click", coordinate: [641, 401] });
    assert.deepEqual(click!.point, { x: 641, y: 401 });
    assert.deepEqual(click!.capture, { width: 1280, height: 800 });
    assert.equal(click!.policy?.verdict, "allow");
    assert.match(click!.raw!, /<tool_call>/);
    assert.equal(click!.hasScreenshot, true);
    assert.equal(bad!.action, undefined);
    assert.equal(bad!.raw, "not a tool call");
  });

  test("runScreenshot returns the step's annotated PNG", async () => {
    const { png } = await history.runScreenshot("2026-01-01-older", 1);
    assert.deepEqual(Buffer.from(png), readFileSync(join(root, "2026-01-01-older", "step-001.png")));
    const image = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([image.info.width, image.info.height], [1280, 800]);
    const i = (401 * 1280 + 641 + 12) * image.info.channels;
    assert.deepEqual([...image.data.subarray(i, i + 3)], [255, 32, 32], "the action is drawn on it");
  });

  test("runReport is the self-contained report `deskpilot report` writes", async () => {
    const { html } = await history.runReport("2026-01-01-older");
    assert.match(html, /<title>DeskPilot run: open the editor<\/title>/);
    for (const n of [1, 2, 3]) assert.match(html, new RegExp(`id="step-${n}"`));
    assert.doesNotMatch(html, /<script|<link |(src|href)="(https?:)?\/\//);
  });

  test("client run ids never reach outside the runs folder and unknown ones say what to do", async () => {
    for (const bad of ["..", "../2026-01-01-older", "a/b", "/etc", ".hidden", "x\\y", "a..b", "x".repeat(201)]) {
      await assert.rejects(history.getRun(bad), { code: "BAD_RUN_ID" }, bad);
      await assert.rejects(history.runReport(bad), { code: "BAD_RUN_ID" }, bad);
    }
    for (const missing of ["no-such-run", "not-a-run", "notes.txt", "linked"]) {
      await assert.rejects(history.getRun(missing), { code: "RUN_NOT_FOUND", message: /listRuns/ }, missing);
      await assert.rejects(history.runScreenshot(missing, 1), { code: "RUN_NOT_FOUND" }, missing);
    }
    assert.ok(!(await history.listRuns()).some((r) => ["linked", "not-a-run", "notes.txt"].includes(r.runId)));
    await assert.rejects(history.runScreenshot("2026-01-01-older", 9), { code: "STEP_NOT_FOUND" });
  });

  test("a log line naming a screenshot outside the folder is not followed", async () => {
    mkdirSync(join(root, "tampered"));
    const step = JSON.parse(readFileSync(join(root, "2026-01-01-older", RUN_LOG), "utf8").split("\n")[1]!) as Record<string, unknown>;
    writeFileSync(join(root, "tampered", RUN_LOG), `${JSON.stringify({ ...step, screenshot: "../2026-01-01-older/step-001.png" })}\n`);
    await assert.rejects(history.runScreenshot("tampered", 1), { code: "NO_SCREENSHOT" });
    assert.equal((await history.getRun("tampered")).steps[0]!.hasScreenshot, false);
    rmSync(join(root, "tampered"), { recursive: true });
  });

  test("the service serves the slice through the dispatcher, with the error codes intact", async () => {
    const service = new LocalService(new FakeScreenSource([DISPLAY]), new FakeInputDriver(), { history });
    const dispatch = createDispatcher(service, () => undefined);
    const listed = await dispatch("listRuns", []);
    assert.ok(listed.ok && Array.isArray(listed.value) && listed.value.length === 2);
    assert.equal(code(await dispatch("getRun", ["../.."])), "BAD_RUN_ID");
    assert.equal(code(await dispatch("runScreenshot", ["2026-01-01-older", 1])), "ok");
    assert.equal(code(await dispatch("runScreenshot", ["2026-01-01-older", -1])), "BAD_IPC_ARGUMENTS");
    assert.equal(code(await dispatch("startRun", ["task"])), "UNKNOWN_METHOD", "a history-only service has no runs");
    await service.dispose();
  });
});
