import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openVisionModel } from "../../../../agent/service/createGrounder.js";
import { DEFAULT_TOKEN_BOUNDS } from "../../../../agent/frames/TokenBounds.js";
import { benchLoop, wanderingClick } from "../../../../agent/bench/loop/benchLoop.js";
import { CountingVisionModel } from "../../../../agent/bench/loop/CountingVisionModel.js";
import { ModelDecider } from "../../../../agent/loop/ModelDecider.js";
import { generateQwen25Vl } from "../../../../agent/gguf/generateQwen25Vl.js";
import { ModelTargetInspector } from "../../../../agent/policy/ModelTargetInspector.js";
import { FileRunStore } from "../../../../agent/runs/FileRunStore.js";
import { smartResize } from "../../../../agent/geometry/smartResize.js";
import { mtmdLikeHost, type Seen } from "../../vision/support/mtmdLikeHost.js";

test("bench loop counts image tokens per step and the kept window: what the engine encoded (here every screenshot shown: this host keeps nothing) plus each click.s 119-token crop", async () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-count-"));
  try {
    const files = generateQwen25Vl({ outDir: join(dir, "model"), preset: "tiny", type: "f16" });
    const frame = smartResize(1920, 1080, DEFAULT_TOKEN_BOUNDS.minImageTokens, DEFAULT_TOKEN_BOUNDS.maxImageTokens);
    let n = 0;
    const seen: Seen = { images: [], requests: [] };
    const host = mtmdLikeHost(seen, (r) => (r.keepContext ? wanderingClick(++n, frame) : '{"label": "OK", "kind": "button"}'));
    const model = new CountingVisionModel(
      await openVisionModel(
        { kind: "local", modelPath: files.model, mmprojPath: files.mmproj, gpuLayers: 0 },
        DEFAULT_TOKEN_BOUNDS,
        undefined,
        () => undefined,
        host,
      ),
    );
    try {
      const display = { id: "s", name: "s", x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 1, primary: true };
      const r = await benchLoop({
        steps: 4,
        decider: new ModelDecider(model, { grammar: true, kinds: ["point"] }),
        store: new FileRunStore(join(dir, "runs")),
        bounds: DEFAULT_TOKEN_BOUNDS,
        display,
        inspector: new ModelTargetInspector(model),
        sampleStep: () => model.takeStep(),
      });
      assert.equal(r.steps, 4);
      // The host encodes every image it is sent (it keeps no context), so each step's count is the whole window's plus the crop.
      assert.deepEqual(r.screenshotsInView, [1, 2, 3, 3]);
      assert.deepEqual(
        r.imageTokens,
        [1, 2, 3, 3].map((k) => k * frame.tokens + 119),
      );
      assert.equal(r.restarts, 0);
    } finally {
      await model.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
