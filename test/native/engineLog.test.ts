import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { captureHostLog } from "../../agent/bench/engine/captureHostLog.js";
import { ENGINE_MIN_IMAGE_TOKENS, HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { skipWithoutAddon, tinyModel } from "./support/tinyModel.js";

// The engine loads mtmd with a 4-token minimum (the policy's crops are small frames) and prepares
// every screenshot at ≥ 1024 tokens itself; llama.cpp's advice to add --image-min-tokens 1024, printed
// for any lower minimum, would send a user after a setting that already holds.
describe("what the engine host prints of llama.cpp's log", { skip: skipWithoutAddon() }, () => {
  test("a load at the engine's low image-token minimum prints no advice to raise it, and other lines still come through", async () => {
    const host = captureHostLog();
    const { model, mmproj } = tinyModel();
    const loaded = await HostedVisionModel.load(
      { modelPath: model, mmprojPath: mmproj, gpuLayers: 0, contextSize: 2048, warmup: false, minImageTokens: ENGINE_MIN_IMAGE_TOKENS, maxImageTokens: 256 },
      host.spawnHost,
    );
    await loaded.dispose();
    const log = host.log();
    assert.match(log, /n_ubatch/, "the captured log holds llama.cpp's info lines");
    assert.doesNotMatch(log, /minimum 1024 image tokens|--image-min-tokens 1024|issues\/16842/);
  });
});
