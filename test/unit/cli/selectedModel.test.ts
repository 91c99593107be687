import { test } from "node:test";
import assert from "node:assert/strict";
import { cliGroundedOrRefused } from "../../support/randomModelGrounding.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { deskpilot } from "../../support/cli.js";
import { skipWithoutAddon, tinyModel } from "../../native/support/tinyModel.js";

// The model flags of docs/design.md §9 default to the selected model: after `models use`, ground needs none.
test("ground with no model flag uses the model `deskpilot models use` selected", { skip: skipWithoutAddon(), timeout: 300_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-home-"));
  try {
    const env = { ...process.env, DESKPILOT_HOME: home };
    const model = tinyModel();
    const use = await deskpilot(["models", "use", "--model", model.model, "--mmproj", model.mmproj], env);
    assert.equal(use.code, 0, use.stderr);
    const image = join(home, "shot.png");
    await sharp({ create: { width: 640, height: 400, channels: 3, background: "#336699" } })
      .png()
      .toFile(image);
    const r = await deskpilot(["ground", image, "the button", "--min-image-tokens", "64", "--max-image-tokens", "256", "--json"], env);
    // the selected model answered either way; random weights may answer far outside the frame, which is refused
    const result = cliGroundedOrRefused<{ image: { width: number }; frame: { width: number; height: number } }>(r);
    if (result) {
      assert.equal(result.image.width, 640);
      assert.ok(result.frame.width % 28 === 0 && result.frame.height % 28 === 0);
    }
    const unknown = await deskpilot(["ground", image, "x", "--model-id", "qwen2.5-vl-7b"], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /qwen2\.5-vl-7b is not downloaded/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
