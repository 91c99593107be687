import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { askAboutImage } from "../../agent/grounding/askAboutImage.js";
import { VisionModelAnswerer } from "../../agent/grounding/VisionModelAnswerer.js";
import { deskpilot } from "../support/cli.js";
import { skipWithoutAddon, syntheticScreen, tinyModel } from "./support/tinyModel.js";

const skip = skipWithoutAddon();

describe("ask on the tiny Qwen2.5-VL", { skip }, () => {
  let answerer: VisionModelAnswerer;
  let tmp: string;
  before(async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    answerer = new VisionModelAnswerer(await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 4096, warmup: false }));
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-ask-"));
  });
  after(async () => {
    await answerer?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("streams the answer token by token and returns it", async () => {
    const pieces: string[] = [];
    const image = { data: syntheticScreen(1280, 800), width: 1280, height: 800, channels: 3 as const };
    const r = await askAboutImage(answerer, image, "What does the dialog say?", { maxTokens: 6, onToken: (t) => pieces.push(t) });
    assert.ok(pieces.length >= 2, `streamed ${pieces.length} pieces`);
    assert.equal(pieces.join(""), r.text);
    assert.deepEqual(r.frame, { width: 1288, height: 812, tokens: 1334 });
    assert.ok(r.timings.modelMs > 0);
  });

  test("deskpilot ask IMAGE streams to stdout and exits 0", async () => {
    const file = join(tmp, "s.png");
    await sharp(Buffer.from(syntheticScreen(1280, 800)), { raw: { width: 1280, height: 800, channels: 3 } })
      .png()
      .toFile(file);
    const { model, mmproj } = tinyModel();
    const r = await deskpilot(["ask", file, "What is on the screen?", "--model", model, "--mmproj", mmproj, "--gpu-layers", "0", "--max-tokens", "4"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.trim().length > 0);
  });
});
