import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchLoop, wanderingClick } from "../../../agent/loop/bench/benchLoop.js";
import { ReplayDecider } from "../../../agent/loop/ReplayDecider.js";
import { FileRunStore } from "../../../agent/runs/FileRunStore.js";
import { smartResize } from "../../../agent/vision/smartResize.js";

test("a 100-step run (scripted model, records on disk) keeps resident memory flat within 10% after warm-up", async () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-mem-"));
  try {
    const display = { id: "s", name: "s", x: 0, y: 0, width: 640, height: 400, scaleFactor: 1, primary: true };
    const bounds = { minImageTokens: 64, maxImageTokens: 256 };
    const frame = smartResize(display.width, display.height, bounds.minImageTokens, bounds.maxImageTokens);
    const decider = new ReplayDecider(Array.from({ length: 100 }, (_, i) => wanderingClick(i, frame)));
    const bench = await benchLoop({ steps: 100, decider, store: new FileRunStore(dir), bounds, display, warmupSteps: 20 });
    assert.equal(bench.steps, 100);
    assert.equal(bench.status, "budget");
    assert.ok(bench.rssGrowthPercent <= 10, `RSS grew ${bench.rssGrowthPercent.toFixed(1)}% (trend ${bench.rssAfterWarmupMb.toFixed(0)} → ${bench.rssAtEndMb.toFixed(0)} MiB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
