import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { FileRunStore, RUN_LOG } from "../../../agent/runs/FileRunStore.js";
import { readRunLog } from "../../../agent/runs/readRunLog.js";
import { renderReport } from "../../../agent/runs/renderReport.js";
import { loopHarness, DISPLAY } from "../loop/support/loopHarness.js";
import { call } from "../loop/support/ScriptedDecider.js";

describe("run records", () => {
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), "deskpilot-runs-"))));
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A real three-step loop run recorded to disk. */
  async function recordRun(runId: string): Promise<string> {
    const h = loopHarness([call({ action: "left_click", coordinate: [280, 168] }), "not a tool call", call({ action: "terminate", status: "success" })], {
      runId,
    });
    const record = await new FileRunStore(root).open(runId);
    const { runAgent } = await import("../../../agent/loop/runAgent.js");
    const result = await runAgent({ ...h.ports, record }, h.options);
    assert.equal(result.dir, join(root, runId));
    return result.dir;
  }

  test("a run folder holds an append-only JSONL log and an annotated PNG per step", async () => {
    const dir = await recordRun("r1");
    const lines = readFileSync(join(dir, RUN_LOG), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string });
    assert.deepEqual(
      lines.map((l) => l.type),
      ["run-start", "step", "step", "step", "run-end"],
    );
    const log = readRunLog(dir);
    assert.equal(log.start?.task, "fill in the form");
    assert.deepEqual(log.start?.display, DISPLAY);
    const [click, bad] = log.steps;
    assert.equal(click!.screenshot, "step-001.png");
    assert.deepEqual(click!.point, { x: 641, y: 401 });
    assert.match(click!.raw!, /<tool_call>/);
    assert.ok(click!.timings.totalMs >= 0 && "modelMs" in click!.timings && "settleMs" in click!.timings);
    assert.equal(bad!.outcome, "failed");
    const png = await sharp(join(dir, "step-001.png")).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([png.info.width, png.info.height], [1280, 800], "native resolution");
    const i = (401 * 1280 + 641 + 12) * png.info.channels; // on the cross's arm, right of the point
    assert.deepEqual([...png.data.subarray(i, i + 3)], [255, 32, 32], "the action is drawn on it");
  });

  test("a crashed run (no run-end, a torn last line) still reads, and its report says it did not finish", async () => {
    const dir = await recordRun("r2");
    const text = readFileSync(join(dir, RUN_LOG), "utf8").trim().split("\n");
    const crashed = join(root, "crashed");
    const store = await new FileRunStore(root).open("crashed");
    for (const line of text.slice(0, 3)) appendFileSync(join(crashed, RUN_LOG), `${line}\n`);
    appendFileSync(join(crashed, RUN_LOG), '{"type":"step","step":3,"at":"2026-');
    await store.close();
    const log = readRunLog(crashed);
    assert.equal(log.steps.length, 2);
    assert.equal(log.badLines, 1);
    assert.equal(log.end, undefined);
    assert.match(await renderReport(log), /did not finish/);
  });

  test("the HTML report is self-contained: every screenshot inlined, no external resource, every step listed", async () => {
    const dir = await recordRun("r3");
    const html = await renderReport(readRunLog(dir));
    assert.equal((html.match(/<img [^>]*src="data:image\/jpeg;base64,/g) ?? []).length, 3);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
    assert.doesNotMatch(html, /<script|<link /);
    for (const n of [1, 2, 3]) assert.match(html, new RegExp(`id="step-${n}"`));
    assert.match(html, /success: the model reported success/);
    assert.match(html, /left_click/);
  });

  test("reading a folder that is not a run says what to pass", () => {
    assert.throws(() => readRunLog(root), /no readable run\.jsonl/);
  });
});
