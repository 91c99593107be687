import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { loadImageFile } from "../../agent/frames/sourceImages.js";
import { prepareFrame } from "../../agent/frames/prepareFrame.js";
import { smartResize } from "../../agent/geometry/smartResize.js";
import { POINT_GRAMMAR, skipWithoutAddon, syntheticScreen, tinyModel } from "./support/tinyModel.js";

const skip = skipWithoutAddon();

describe("VisionModel on the tiny Qwen2.5-VL (native addon)", { skip }, () => {
  let model: HostedVisionModel;
  let wide: HostedVisionModel;
  before(async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    model = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 4096, warmup: false, minImageTokens: 8, maxImageTokens: 4096 });
    wide = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 4400, warmup: false, minImageTokens: 1024, maxImageTokens: 4096 });
  });
  after(async () => {
    await model?.dispose();
    await wide?.dispose();
  });

  test("encodes a PNG screenshot and answers in the grammar, at the predicted frame", async () => {
    const png = await sharp(Buffer.from(syntheticScreen(1280, 800)), { raw: { width: 1280, height: 800, channels: 3 } })
      .png()
      .toBuffer();
    const image = await prepareFrame(await loadImageFile(png), { minImageTokens: 8, maxImageTokens: 4096 });
    const tokens: string[] = [];
    const result = await model.generate({
      image,
      messages: [{ role: "user", content: 'Point at the blue button. Answer {"point_2d":[x,y]}.' }],
      grammar: POINT_GRAMMAR,
      maxTokens: 32,
      onToken: (t) => tokens.push(t),
    });
    const parsed = JSON.parse(result.text) as { point_2d: [number, number] };
    assert.equal(parsed.point_2d.length, 2);
    assert.equal(tokens.join(""), result.text);
    assert.equal(result.stopReason, "eog");
    const frame = smartResize(1280, 800, 8, 4096);
    assert.deepEqual(result.frame, { width: frame.width, height: frame.height });
    assert.equal(result.imageTokens, frame.tokens);
    assert.ok(result.timings.encodeMs > 0 && result.timings.prefillMs > 0 && result.timings.decodeMs > 0);
  });

  test("greedy decoding is deterministic", async () => {
    const request = { messages: [{ role: "user" as const, content: "Say something." }], maxTokens: 12 };
    const a = await model.generate(request);
    const b = await model.generate(request);
    assert.equal(a.text, b.text);
  });

  const sizes: [number, number][] = [
    [1280, 800],
    [1920, 1080],
    [2560, 1440],
    [800, 1280],
    [64, 64],
  ];
  for (const [w, h] of sizes) {
    test(`llama.cpp's image grid for ${w}x${h} equals smart_resize (8…4096 and 1024…4096 tokens)`, async () => {
      for (const [m, min] of [
        [model, 8],
        [wide, 1024],
      ] as const) {
        const expected = smartResize(w, h, min, 4096);
        const got = await m.imageLayout(w, h);
        assert.deepEqual({ width: got.nx * 28, height: got.ny * 28, tokens: got.tokens }, expected, `min ${min}`);
      }
    });
  }

  // Full encodes (not just the grid): ~4 s, ~4 s and ~15 s on 2 CPU cores with the tiny model.
  for (const [w, h] of [
    [1920, 1080],
    [1080, 1920],
    [2560, 1440],
  ] as const) {
    test(`a ${w}x${h} screenshot encodes at the smart_resize frame (1024…4096 tokens)`, async () => {
      const expected = smartResize(w, h, 1024, 4096);
      const image = await prepareFrame({ data: syntheticScreen(w, h), width: w, height: h, channels: 3 }, { minImageTokens: 1024, maxImageTokens: 4096 });
      const result = await wide.generate({ image, messages: [{ role: "user", content: "Where is OK?" }], grammar: POINT_GRAMMAR, maxTokens: 24 });
      assert.deepEqual(result.frame, { width: expected.width, height: expected.height });
      assert.equal(result.imageTokens, expected.tokens);
      assert.ok(Array.isArray((JSON.parse(result.text) as { point_2d: unknown }).point_2d));
    });
  }

  test("a tiny 64x64 image prepared at the 1024-token minimum encodes at that frame", async () => {
    const image = await prepareFrame({ data: syntheticScreen(64, 64), width: 64, height: 64, channels: 3 }, { minImageTokens: 1024, maxImageTokens: 4096 });
    const result = await wide.generate({ image, prompt: "<__media__>x", maxTokens: 2 });
    assert.deepEqual(result.frame, { width: 896, height: 896 });
    assert.equal(result.imageTokens, 1024);
  });

  test("a 480x200 crop prepared at 64…256 tokens is encoded at its own 119-token frame, not enlarged", async () => {
    const image = await prepareFrame({ data: syntheticScreen(480, 200), width: 480, height: 200, channels: 3 }, { minImageTokens: 64, maxImageTokens: 256 });
    const result = await model.generate({ image, prompt: "<__media__>x", maxTokens: 2 });
    assert.deepEqual(result.frame, { width: image.frame.width, height: image.frame.height });
    assert.equal(result.imageTokens, 119);
    await assert.rejects(wide.generate({ image, prompt: "<__media__>x", maxTokens: 2 }), /outside the 1024…4096 the engine was loaded for/);
  });
});
