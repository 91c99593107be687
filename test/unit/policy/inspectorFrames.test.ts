import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl } from "../../../agent/gguf/generateQwen25Vl.js";
import { ModelTargetInspector } from "../../../agent/policy/ModelTargetInspector.js";
import { ScreenTextInspector } from "../../../agent/policy/ScreenTextInspector.js";
import { HostedVisionModel } from "../../../agent/vision/HostedVisionModel.js";
import { smartResize } from "../../../agent/geometry/smartResize.js";
import { ColourScreen } from "../loop/support/ColourScreen.js";
import { mtmdLikeHost, type Seen } from "../vision/support/mtmdLikeHost.js";

describe("the policy inspectors' frames reach the engine as they were prepared", () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-inspect-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = generateQwen25Vl({ outDir: dir, preset: "tiny", type: "f16" });
  // The agent's model, loaded as a run loads it: grounding bounds 1024…4096.
  const load = (seen: Seen, answer: string) =>
    HostedVisionModel.load({ modelPath: files.model, mmprojPath: files.mmproj, gpuLayers: 0, warmup: false, maxImageTokens: 4096 }, mtmdLikeHost(seen, answer));
  const display = { id: "1", name: "screen", x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 1, primary: true };

  test("a 480x200 target crop is encoded at its own 64…256-token frame (119 tokens), not enlarged to the model's", async () => {
    const seen: Seen = { images: [], requests: [] };
    const model = await load(seen, '{"label": "Send", "kind": "button"}');
    try {
      const capture = await new ColourScreen(display, () => [10, 20, 30]).capture();
      const info = await new ModelTargetInspector(model).inspect({
        action: { action: "left_click", coordinate: [900, 500] },
        point: { x: 900, y: 500 },
        capture,
      });
      assert.deepEqual(info, { label: "Send", role: "button" });
      const crop = smartResize(480, 200, 64, 256);
      assert.equal(crop.tokens, 119);
      assert.deepEqual(
        seen.images.map((i) => [i.width, i.height]),
        [[crop.width, crop.height]],
        "the engine got the crop at its frame",
      );
      assert.deepEqual(seen.images[0]!.encoded, crop, "and mtmd's own bounds leave it as it is");
      assert.ok(seen.load!.imageMinTokens! <= 64, `mtmd loaded with image_min_tokens ${seen.load!.imageMinTokens}, which would enlarge a 64-token crop`);
    } finally {
      await model.dispose();
    }
  });

  test("the on-screen text check sends the screen at its own 256…1024-token frame", async () => {
    const seen: Seen = { images: [], requests: [] };
    const model = await load(seen, '{"text": ""}');
    try {
      const capture = await new ColourScreen(display, () => [10, 20, 30]).capture();
      await new ScreenTextInspector(model).inspect({ action: { action: "type", text: "refund" }, capture, task: "reply politely" });
      const frame = smartResize(1920, 1080, 256, 1024);
      assert.deepEqual(
        seen.images.map((i) => i.encoded),
        [frame],
      );
      assert.ok(frame.tokens <= 1024);
    } finally {
      await model.dispose();
    }
  });
});
