import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelSourceFromFlags } from "../../../agent/cli/commands/groundingFlags.js";
import { UsageError } from "../../../agent/errors/UsageError.js";
import { openVisionModel } from "../../../agent/service/createGrounder.js";
import { generateQwen25Vl } from "../../../agent/gguf/generateQwen25Vl.js";
import { EngineError } from "../../../agent/vision/errors/EngineError.js";
import { mtmdLikeHost, type Seen } from "./support/mtmdLikeHost.js";

describe("the context size reaches the engine", () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-ctx-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = generateQwen25Vl({ outDir: dir, preset: "tiny", type: "f16" });
  const local = { kind: "local", modelPath: files.model, mmprojPath: files.mmproj, gpuLayers: 0 } as const;
  const open = async (contextSize: number | "auto" | undefined, maxImageTokens = 4096) => {
    const seen: Seen = { images: [], requests: [] };
    const model = await openVisionModel(
      { ...local, ...(contextSize !== undefined ? { contextSize } : {}) },
      { minImageTokens: 1024, maxImageTokens },
      undefined,
      () => undefined,
      mtmdLikeHost(seen, "ok"),
    );
    return { seen, model };
  };

  test('"auto" (and no setting) loads a context for three screenshots at the largest frame; a number loads that number', async () => {
    for (const [setting, max, expected] of [
      ["auto", 4096, 16384],
      [undefined, 4096, 16384],
      ["auto", 8192, 28672],
      [12288, 4096, 12288],
    ] as const) {
      const { seen, model } = await open(setting, max);
      assert.equal(seen.load?.contextSize, expected, `${setting} at ${max} image tokens`);
      assert.equal(model.contextSize, expected);
      await model.dispose();
    }
  });

  test("the engine's CONTEXT_TOO_SMALL names the setting and the flag that size the context", async () => {
    const { model } = await open(12288);
    try {
      await assert.rejects(model.generate({ prompt: "x".repeat(60_000), maxTokens: 8 }), (e: unknown) => {
        assert.ok(e instanceof EngineError && e.engineCode === "CONTEXT_TOO_SMALL");
        assert.match(e.message, /exceed the context size 12288/);
        assert.match(e.message, /engine\.contextSize/);
        assert.match(e.message, /--context-size/);
        assert.doesNotMatch(e.message, /raise contextSize/);
        return true;
      });
    } finally {
      await model.dispose();
    }
  });

  test("--context-size N or auto reaches the model source; one too small for a screenshot is a usage error", () => {
    const flags = { model: "m.gguf", mmproj: "p.gguf", minImageTokens: "1024", maxImageTokens: "4096" };
    const sourceOf = (f: object) => modelSourceFromFlags({ ...flags, ...f }).source as { contextSize?: unknown };
    assert.equal(sourceOf({}).contextSize, "auto");
    assert.equal(sourceOf({ contextSize: "auto" }).contextSize, "auto");
    assert.equal(sourceOf({ contextSize: "20480" }).contextSize, 20480);
    assert.throws(
      () => sourceOf({ contextSize: "4096" }),
      (e: unknown) => e instanceof UsageError && /at least 5776/.test(e.message) && /--context-size auto \(16384 here\)/.test(e.message),
    );
    assert.throws(() => sourceOf({ contextSize: "lots" }), UsageError);
  });
});
