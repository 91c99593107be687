import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { IMAGE_MARKER, type ChatMessage } from "../../agent/vision/VisionModel.js";
import type { PreparedFrame } from "../../agent/frames/PreparedFrame.js";
import { skipWithoutAddon, syntheticScreen, tinyModel } from "./support/tinyModel.js";

const skip = skipWithoutAddon();

/** A 448×448 screen (256 image tokens, exactly its frame) with a marker square that makes each one distinct. */
function screen(n: number): PreparedFrame {
  const width = 448;
  const height = 448;
  const data = syntheticScreen(width, height);
  for (let y = 20; y < 60; y++) for (let x = 20 + n * 40; x < 60 + n * 40; x++) data.set([255, 255, 0], (y * width + x) * 3);
  return { rgb: { data, width, height }, frame: { width, height, tokens: 256 }, region: { x: 0, y: 0, width, height }, ms: 0 };
}

/** A conversation as the agent loop builds it: one user turn per step, the current screenshot in it. */
function conversation(steps: number, answers: readonly string[], withImage: (step: number) => boolean): { messages: ChatMessage[]; images: PreparedFrame[] } {
  const messages: ChatMessage[] = [{ role: "system", content: "You are a helpful assistant." }];
  const images: PreparedFrame[] = [];
  for (let s = 0; s < steps; s++) {
    const image = withImage(s) ? IMAGE_MARKER : "";
    if (withImage(s)) images.push(screen(s));
    messages.push({
      role: "user",
      content: `${s === 0 ? "The user query: open the file.\n" : `Result of step ${s}: done.\n`}${image}Step ${s + 1}. Next action?`,
    });
    if (s < steps - 1) messages.push({ role: "assistant", content: answers[s] ?? "" });
  }
  return { messages, images };
}

describe("a kept context on the tiny Qwen2.5-VL (native addon)", { skip }, () => {
  let kept: HostedVisionModel;
  let fresh: HostedVisionModel;
  before(async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    const options = { modelPath, mmprojPath, gpuLayers: 0, contextSize: 4096, warmup: false, minImageTokens: 64, maxImageTokens: 1024 } as const;
    kept = await HostedVisionModel.load(options);
    fresh = await HostedVisionModel.load(options);
  });
  after(async () => {
    await kept?.dispose();
    await fresh?.dispose();
  });

  test("each step encodes only its new screenshot and answers as a fresh engine would", async () => {
    const answers: string[] = [];
    let previousPrompt = 0;
    for (let steps = 1; steps <= 3; steps++) {
      const request = { ...conversation(steps, answers, () => true), maxTokens: 8 };
      const a = await kept.generate({ ...request, keepContext: true });
      const b = await fresh.generate(request);
      assert.equal(a.text, b.text, `step ${steps}: reusing the context must not change the answer`);
      assert.equal(a.encodedImages, 1, `step ${steps}: only the new screenshot is encoded`);
      assert.equal(b.encodedImages, steps, "without keepContext every image is encoded");
      assert.equal(b.reusedTokens, 0);
      if (steps > 1)
        assert.ok(a.reusedTokens! >= previousPrompt - 1, `step ${steps}: reused ${a.reusedTokens} of the previous ${previousPrompt} prompt tokens`);
      assert.equal(a.contextTokens, a.promptTokens, "the context holds exactly this prompt");
      previousPrompt = a.promptTokens;
      answers.push(a.text);
    }
  });

  test("a screenshot left out of the conversation is cut out of the context, not re-encoded with what follows", async () => {
    const answers = ["click one", "click two", "click three"];
    const all = await kept.generate({ ...conversation(3, answers, () => true), maxTokens: 4, keepContext: true });
    const next = await kept.generate({ ...conversation(4, answers, (s) => s >= 2), maxTokens: 4, keepContext: true });
    assert.equal(next.encodedImages, 1, "only the new screenshot is encoded; the kept third is not");
    const imageTokens = all.imageTokens;
    // Everything the first request held but the first two screenshots (and their start/end tokens) is reused.
    assert.ok(next.reusedTokens! >= all.promptTokens - 2 * (imageTokens + 2) - 1, `reused ${next.reusedTokens}, held ${all.promptTokens}`);
    assert.equal(next.contextTokens, next.promptTokens, "the context holds what the prompt says, no more");
  });

  test("the same request twice decodes only its last token again", async () => {
    const request = { ...conversation(2, ["go"], () => true), maxTokens: 4, keepContext: true };
    const first = await kept.generate(request);
    const second = await kept.generate(request);
    assert.equal(second.text, first.text);
    assert.equal(second.encodedImages, 0);
    assert.equal(second.reusedTokens, second.promptTokens - 1);
  });

  test("a one-off request (grounding, a target check) between steps leaves the kept conversation alone", async () => {
    const request = conversation(2, ["go"], () => true);
    const kept1 = await kept.generate({ ...request, maxTokens: 4, keepContext: true });
    const oneOff = await kept.generate({ image: screen(7), messages: [{ role: "user", content: "What is at the centre?" }], maxTokens: 4 });
    assert.equal(oneOff.reusedTokens, 0);
    assert.equal(oneOff.encodedImages, 1);
    const fresh1 = await fresh.generate({ image: screen(7), messages: [{ role: "user", content: "What is at the centre?" }], maxTokens: 4 });
    assert.equal(oneOff.text, fresh1.text, "the one-off request does not see the conversation");
    const kept2 = await kept.generate({ ...request, maxTokens: 4, keepContext: true });
    assert.equal(kept2.reusedTokens, kept2.promptTokens - 1, "the conversation is still held");
    assert.equal(kept2.encodedImages, 0);
    assert.equal(kept2.text, kept1.text);
  });

  test("markers and images must agree", async () => {
    const { messages, images } = conversation(2, ["go"], () => true);
    await kept.generate({ messages, images, maxTokens: 4, keepContext: true });
    await assert.rejects(kept.generate({ messages, images: images.slice(1), maxTokens: 4, keepContext: true }), /2 image markers for 1 images/);
    // a refused request leaves what the engine held as it was
    const ok = await kept.generate({ messages, images, maxTokens: 4, keepContext: true });
    assert.equal(ok.reusedTokens, ok.promptTokens - 1);
  });

  test("a context that would overflow is refused with what to do, and the next request starts clean", async () => {
    const small = await HostedVisionModel.load({ ...tinyModelOptions(), contextSize: 700 });
    try {
      const one = await small.generate({ ...conversation(1, [], () => true), maxTokens: 4, keepContext: true });
      assert.ok(one.contextTokens! < 700);
      await assert.rejects(
        small.generate({ ...conversation(3, ["a", "b"], () => true), maxTokens: 4, keepContext: true }),
        /exceed the context size \d+\. The engine.s context is \d+ tokens: set engine\.contextSize.*--context-size/,
      );
      const again = await small.generate({ ...conversation(1, [], () => true), maxTokens: 4, keepContext: true });
      assert.equal(again.reusedTokens, 0);
    } finally {
      await small.dispose();
    }
  });
});

function tinyModelOptions() {
  const { model: modelPath, mmproj: mmprojPath } = tinyModel();
  return { modelPath, mmprojPath, gpuLayers: 0, warmup: false, minImageTokens: 64, maxImageTokens: 1024 } as const;
}
