/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { execFile } from "node:child_process";
import { BIN, deskpilot, type CliResult } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { CHROMIUM } from "./support/playground.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { skipWithoutAddon, tinyModel } from "../native/support/tinyModel.js";
import { readRunLog } from "../../agent/runs/readRunLog.js";
import { displayAt } from "../../agent/geometry/Display.js";

const skip = skipUnlessAvailable(missingBinaries("Xvfb", "openbox", "xrandr", CHROMIUM)) || skipWithoutAddon();

/** The CLI with room for a model load and a few CPU generations on a busy machine. */
function slowDeskpilot(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 280_000 }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals }) | null;
      resolve({ code: e ? (typeof e.code === "number" ? e.code : null) : 0, signal: e?.signal ?? null, stdout, stderr });
    });
  });
}

describe("deskpilot run with the tiny real model (random weights, grammar-constrained)", { skip }, () => {
  let server: XServer;
  let tmp: string;
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-tiny-"));
    server = await startXvfb({ width: 1280, height: 800 });
  });
  after(async () => {
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("takes a few steps without crashing: every answer is a tool call that acts on screen or fails with the reason; recorded; the report shows every step", async () => {
    const model = tinyModel();
    const r = await slowDeskpilot(
      [
        "run",
        "Open the settings",
        "--model",
        model.model,
        "--mmproj",
        model.mmproj,
        "--gpu-layers",
        "0",
        "--threads",
        "2",
        "--min-image-tokens",
        "64",
        "--max-image-tokens",
        "256",
        "--max-steps",
        "2",
        "--runs-dir",
        join(tmp, "runs"),
        "--no-hotkey",
        "--json",
      ],
      server.env,
    );
    assert.equal(r.signal, null, r.stderr);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    const result = JSON.parse(r.stdout) as { status: string; steps: number; dir: string };
    const log = readRunLog(result.dir);
    assert.ok(log.steps.length >= 1 && log.steps.length <= 2, `${log.steps.length} steps`);
    assert.equal(log.end?.steps, log.steps.length);
    const display = log.start!.display;
    for (const s of log.steps) {
      assert.ok(s.raw?.startsWith("<tool_call>"), `step ${s.step} answered in the tool-call format: ${s.raw}`);
      assert.deepEqual(s.frame, { width: 560, height: 336 });
      // Random weights: the grammar no longer bounds numbers or key names, so an answer far outside
      // the frame or naming an unknown key fails the step with the reason instead of acting.
      const a = s.screenAction;
      if (!a) {
        assert.equal(s.outcome, "failed", `step ${s.step}: ${s.raw}`);
        assert.ok(["OUT_OF_FRAME", "INVALID_ACTION"].includes(s.error?.code ?? ""), `step ${s.step} failed with a reason: ${JSON.stringify(s.error)}`);
        continue;
      }
      assert.ok(s.action, `step ${s.step}'s answer parses: ${s.raw}`);
      if ("coordinate" in a && a.coordinate)
        assert.ok(displayAt([display], { x: a.coordinate[0], y: a.coordinate[1] }), `step ${s.step} stays on screen: ${JSON.stringify(a)}`);
      assert.ok(s.screenshot, `step ${s.step} has a screenshot`);
    }

    const out = join(tmp, "report.html");
    const rep = await deskpilot(["report", result.dir, "--out", out], server.env);
    assert.equal(rep.code, 0, rep.stderr);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    try {
      const page = await browser.newPage();
      const failed: string[] = [];
      const requested: string[] = [];
      page.on("requestfailed", (req) => failed.push(req.url()));
      page.on("request", (req) => requested.push(req.url()));
      await page.goto(`file://${out}`);
      assert.deepEqual(failed, []);
      assert.deepEqual(
        requested.filter((u) => !u.startsWith("file:") && !u.startsWith("data:")),
        [],
        "no network requests",
      );
      const shown = await page.evaluate(() => ({
        sections: document.querySelectorAll("section[id^=step-]").length,
        images: [...document.images].map((i) => i.complete && i.naturalWidth > 0),
      }));
      assert.equal(shown.sections, log.steps.length);
      assert.equal(shown.images.length, log.steps.length);
      assert.ok(shown.images.every(Boolean), "every screenshot decodes");
    } finally {
      await browser.close();
    }
  });
});
