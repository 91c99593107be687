import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchCacheDir } from "../../../../agent/bench/engine/benchCacheDir.js";
import { ubatchFromLog } from "../../../../agent/bench/engine/captureHostLog.js";
import { frameForTokens } from "../../../../agent/bench/engine/frameForTokens.js";
import { peakRssBytes } from "../../../../agent/bench/engine/peakRss.js";
import { preparePresetModel } from "../../../../agent/bench/engine/preparePresetModel.js";
import { processCpuSeconds } from "../../../../agent/bench/engine/processCpuSeconds.js";
import { smartResize } from "../../../../agent/geometry/smartResize.js";

describe("bench engine's grounding steps", () => {
  test("frames of exactly the measured token counts, the ones 1080p and 1440p screens get", () => {
    assert.deepEqual(frameForTokens(2691), { width: 1932, height: 1092, tokens: 2691 });
    assert.deepEqual(frameForTokens(4080), { width: 2380, height: 1344, tokens: 4080 });
    assert.deepEqual(frameForTokens(1024), { width: 896, height: 896, tokens: 1024 });
    assert.equal(smartResize(1920, 1080, 1024, 4096).tokens, 2691);
    assert.equal(smartResize(2560, 1440, 1024, 4096).tokens, 4080);
    // a frame at its own count is not resized again by either engine
    for (const t of [1024, 2691, 4080])
      assert.deepEqual(smartResize(frameForTokens(t).width, frameForTokens(t).height, Math.min(1024, t), t), frameForTokens(t));
  });

  test("on Qwen3-VL's 32-px grid: 2040 tokens (a 1080p screen's) are 60×34 cells, 1920×1088", () => {
    assert.deepEqual(frameForTokens(2040, 32), { width: 1920, height: 1088, tokens: 2040 });
    assert.deepEqual(frameForTokens(1024, 32), { width: 1024, height: 1024, tokens: 1024 });
  });

  test("the ubatch comes from llama.cpp's own context log line", () => {
    assert.equal(ubatchFromLog("llama_context: n_batch       = 2048\nllama_context: n_ubatch      = 512\n"), 512);
    assert.equal(ubatchFromLog("nothing logged"), undefined);
  });

  test("peak RSS and CPU time are read from /proc for a live process", { skip: process.platform !== "linux" && "Linux only" }, () => {
    assert.ok((peakRssBytes(process.pid) ?? 0) > 10 * 2 ** 20);
    assert.ok((processCpuSeconds(process.pid) ?? -1) >= 0);
    assert.equal(peakRssBytes(2 ** 30), undefined);
  });

  test("the cache lives outside the repository: DESKPILOT_BENCH_CACHE, else XDG_CACHE_HOME or ~/.cache", () => {
    assert.equal(benchCacheDir({ DESKPILOT_BENCH_CACHE: "/big/disk" }), "/big/disk");
    assert.equal(benchCacheDir({ XDG_CACHE_HOME: "/c" }), join("/c", "deskpilot-bench"));
  });

  test(
    "a preset is generated in f16, quantised to Q4_K_M by llama-quantize, its f16 text dropped, and reused next time",
    { skip: process.platform === "win32" && "a shell script stands in for llama-quantize" },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "deskpilot-benchcache-"));
      try {
        const calls = join(dir, "calls.txt");
        const quantize = join(dir, "fake-quantize.sh");
        writeFileSync(quantize, `#!/bin/sh\necho "$(basename "$1") $3 $4" >> "${calls}"\ncp "$1" "$2"\n`);
        chmodSync(quantize, 0o755);
        const cacheDir = join(dir, "cache");
        const first = await preparePresetModel({ preset: "tiny", cacheDir, quantize, threads: 2 });
        assert.equal(first.cached, false);
        assert.match(first.model, /Q4_K_M\.gguf$/);
        assert.match(first.mmproj, /f16\.gguf$/);
        assert.deepEqual(readFileSync(calls, "utf8").trim().split("\n"), ["deskpilot-tiny-qwen2.5-vl-f16.gguf Q4_K_M 2"]);
        const files = readdirSync(join(cacheDir, "deskpilot-tiny-qwen2.5-vl"))
          .filter((f) => f.endsWith(".gguf"))
          .sort();
        assert.deepEqual(files, ["deskpilot-tiny-qwen2.5-vl-Q4_K_M.gguf", "mmproj-deskpilot-tiny-qwen2.5-vl-f16.gguf"]);
        const again = await preparePresetModel({ preset: "tiny", cacheDir, quantize: join(dir, "gone"), threads: 2 });
        assert.equal(again.cached, true);
        assert.equal(again.model, first.model);
        assert.ok(existsSync(again.model));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
