import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { ModelGrounder } from "../../agent/grounding/ModelGrounder.js";
import { VisionModelAnswerer } from "../../agent/grounding/VisionModelAnswerer.js";
import type { SourceImage } from "../../agent/frames/SourceImage.js";
import { deskpilot } from "../support/cli.js";
import { display } from "../support/displayLayouts.js";
import { skipWithoutAddon, syntheticScreen, tinyModel } from "./support/tinyModel.js";
import { cliGroundedOrRefused, groundedOrRefused } from "../support/randomModelGrounding.js";
import { findCandidates } from "../../agent/profiles/qwen25vl/parseGroundingAnswer.js";

const skip = skipWithoutAddon();

/** A synthetic RGBA screenshot of `w`×`h` native pixels. */
function screenshot(w: number, h: number): Uint8Array {
  const rgb = syntheticScreen(w, h);
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) rgba.set([rgb[i]!, rgb[i + 1]!, rgb[i + 2]!, 255], j);
  return rgba;
}

/**
 * The tiny random model through the real local path (engine host, grammar, frame check, parse,
 * mapping). Its answers are random, so these check shape, frame and bounds, not the place; one
 * far outside the frame is refused with the reason (groundedOrRefused).
 */
describe("local grounding on the tiny Qwen2.5-VL", { skip }, () => {
  let model: HostedVisionModel;
  let grounder: ModelGrounder;
  let tmp: string;
  before(async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    model = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 4096, warmup: false, minImageTokens: 1024, maxImageTokens: 4096 });
    grounder = new ModelGrounder(new VisionModelAnswerer(model));
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-ground-"));
  });
  after(async () => {
    await grounder?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("a 1920×1080 screen on a second monitor: grammar-shaped answer, predicted frame, point on that monitor", async () => {
    const monitor = display({ x: 1920, y: 0, width: 1920, height: 1080 });
    const image: SourceImage = { data: screenshot(1920, 1080), width: 1920, height: 1080, channels: 4, display: monitor };
    const r = await groundedOrRefused(grounder.ground(image, "the blue button"), { width: 1932, height: 1092 });
    if (!r) return;
    assert.ok(findCandidates(r.raw).length > 0, r.raw);
    assert.deepEqual(r.frame, { width: 1932, height: 1092, tokens: 2691 });
    assert.ok(r.point.x >= 0 && r.point.x <= 1920 && r.point.y >= 0 && r.point.y <= 1080, JSON.stringify(r.point));
    const s = r.screen!.point;
    assert.ok(s.x >= 1920 && s.x <= 3840 && s.y >= 0 && s.y <= 1080, `screen ${JSON.stringify(s)}`);
    assert.ok(r.timings.modelMs > 0 && r.timings.prepareMs > 0 && r.timings.totalMs >= r.timings.modelMs);
    assert.equal(r.timings.passes, 1);
  });

  test("the tool-call prompt: the answer is a left_click call the grammar shapes, parsed by the tool-call parser", async () => {
    const image: SourceImage = { data: screenshot(1280, 800), width: 1280, height: 800, channels: 4 };
    const shape = /^<tool_call>\n\{"name": "computer_use", "arguments": \{"action": "left_click", ?"coordinate": ?\[(\d+), ?(\d+)\]\}\}\n<\/tool_call>$/;
    let r;
    try {
      r = await grounder.ground(image, "the blue button", { prompt: "tool-call", zoom: false });
    } catch (error) {
      // Random weights may click far outside the frame (the grammar no longer bounds digits): refused with the reason.
      const e = error as { code?: string; message: string; raw?: string };
      assert.equal(e.code, "GROUNDING_OUT_OF_FRAME", e.message);
      assert.match(e.raw ?? "", shape, "the refused answer is grammar-shaped");
      return;
    }
    const [, x, y] = shape.exec(r.raw)!.map(Number);
    assert.ok(x! <= r.frame.width + 56 && y! <= r.frame.height + 56, "inside the frame, or near enough to be clamped");
    assert.ok(r.point.x >= 0 && r.point.x <= 1280 && r.point.y >= 0 && r.point.y <= 800, JSON.stringify(r.point));
  });

  test("box mode on a BGRA 1280×800 image: four coordinates, sorted, inside the image", async () => {
    const image: SourceImage = { data: screenshot(1280, 800), width: 1280, height: 800, channels: 4, order: "bgr" };
    const r = await groundedOrRefused(grounder.ground(image, "the blue button", { mode: "box" }), { width: 1288, height: 812 });
    if (!r) return;
    assert.match(r.raw, /"bbox_2d": ?\[\d+, ?\d+, ?\d+, ?\d+\]/);
    const [x1, y1, x2, y2] = r.box!;
    assert.ok(x1 <= x2 && y1 <= y2 && x1 >= 0 && y1 >= 0 && x2 <= 1280 && y2 <= 800, JSON.stringify(r.box));
  });

  test("deskpilot ground IMAGE --json prints the issue's shape", async () => {
    const file = join(tmp, "screen.png");
    await sharp(Buffer.from(screenshot(1366, 768)), { raw: { width: 1366, height: 768, channels: 4 } })
      .png()
      .toFile(file);
    const { model: m, mmproj } = tinyModel();
    const r = await deskpilot(["ground", file, "the blue button", "--model", m, "--mmproj", mmproj, "--gpu-layers", "0", "--json"]);
    const doc = cliGroundedOrRefused<Record<string, unknown>>(r, { width: 1372, height: 756 });
    if (!doc) return;
    assert.deepEqual(Object.keys(doc), ["image", "frame", "point", "label", "raw", "timings"]);
    assert.deepEqual(doc["image"], { width: 1366, height: 768 });
    assert.deepEqual(doc["frame"], { width: 1372, height: 756, tokens: 1323 });
  });
});
