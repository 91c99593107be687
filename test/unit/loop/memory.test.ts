import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchLoop, wanderingClick, type LoopBench } from "../../../agent/bench/loop/benchLoop.js";
import type { Decider } from "../../../agent/loop/Decider.js";
import { parseToolCall } from "../../../agent/profiles/qwen25vl/parseToolCall.js";
import { ReplayDecider } from "../../../agent/loop/ReplayDecider.js";
import { FileRunStore } from "../../../agent/runs/FileRunStore.js";
import { smartResize } from "../../../agent/geometry/smartResize.js";
import { collectGarbage } from "../../../agent/platform/collectGarbage.js";

/** 150 steps of the real loop on a synthetic desktop, records on disk; `leakKb` per step is kept alive on purpose. */
async function longRun(leakKb = 0): Promise<LoopBench> {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-mem-"));
  const kept: Buffer[] = [];
  try {
    const display = { id: "s", name: "s", x: 0, y: 0, width: 640, height: 400, scaleFactor: 1, primary: true };
    const bounds = { minImageTokens: 64, maxImageTokens: 256 };
    const frame = smartResize(display.width, display.height, bounds.minImageTokens, bounds.maxImageTokens);
    const decider = new ReplayDecider(Array.from({ length: 150 }, (_, i) => wanderingClick(i, frame)));
    // Each sample follows a full collection, so it shows what stays alive rather than how far the
    // collector lags behind (without it one sample swings by ±15%, and once failed CI at 11%).
    // Warm-up is 50 steps: sharp runs libvips on one thread per core, and each thread's malloc
    // arena fills over the first few dozen steps. With 16 threads, as on the CI machine, the trend
    // from step 20 read 8–10% with the JS heap flat; from step 50 it reads 1.5–3%, while 256 KB
    // kept per step still reads 22%.
    return await benchLoop({
      steps: 150,
      decider,
      store: new FileRunStore(dir),
      bounds,
      display,
      warmupSteps: 50,
      collectGarbage,
      onStep: () => void (leakKb && kept.push(Buffer.alloc(leakKb * 1024, 1))),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const growth = (b: LoopBench) => `RSS grew ${b.rssGrowthPercent.toFixed(1)}% (trend ${b.rssAfterWarmupMb.toFixed(0)} → ${b.rssAtEndMb.toFixed(0)} MiB)`;

test("a 150-step run (scripted model, records on disk) keeps resident memory flat within 10% after warm-up", async () => {
  const bench = await longRun();
  assert.equal(bench.steps, 150);
  assert.equal(bench.status, "budget");
  assert.ok(bench.rssGrowthPercent <= 10, growth(bench));
});

test("the measurement sees a leak: 256 KB kept per step shows as more than 10% growth", async () => {
  const bench = await longRun(256);
  assert.ok(bench.rssGrowthPercent > 10, growth(bench));
});

test("the benchmark's loop keeps the decider's grid, parser and re-read reports (a Qwen3-VL model gets 32-px frames)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-grid-"));
  try {
    const display = { id: "s", name: "s", x: 0, y: 0, width: 640, height: 400, scaleFactor: 1, primary: true };
    const frames: { width: number; height: number }[] = [];
    const parsed: string[] = [];
    const inner = new ReplayDecider(["a", "b", "c"].map((_, i) => wanderingClick(i, { width: 100, height: 100 })));
    const decider: Decider = {
      frameFactor: 32,
      decide: async (request) => {
        frames.push(request.screenshot.frame);
        const d = await inner.decide(request);
        return { ...d, timings: { encodeMs: 1, prefillMs: 1, decodeMs: 1 }, eraseRefused: frames.length > 1 };
      },
      parse: (text) => {
        parsed.push(text);
        return parseToolCall(text);
      },
      dispose: () => inner.dispose(),
    };
    const bench = await benchLoop({ steps: 3, decider, store: new FileRunStore(dir), bounds: { minImageTokens: 64, maxImageTokens: 256 }, display });
    assert.equal(bench.status, "budget", bench.reason);
    const on32 = smartResize(640, 400, 64, 256, 32);
    assert.notDeepEqual([on32.width, on32.height], [smartResize(640, 400, 64, 256, 28).width, smartResize(640, 400, 64, 256, 28).height]);
    assert.deepEqual(
      frames.map((f) => [f.width, f.height]),
      [
        [on32.width, on32.height],
        [on32.width, on32.height],
        [on32.width, on32.height],
      ],
    );
    assert.equal(parsed.length, 3);
    assert.deepEqual(bench.reread, [false, true, true]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
