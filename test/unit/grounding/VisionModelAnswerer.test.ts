import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ModelGrounder } from "../../../agent/grounding/ModelGrounder.js";
import { VisionModelAnswerer } from "../../../agent/grounding/VisionModelAnswerer.js";
import { FrameMismatchError } from "../../../agent/vision/errors/FrameMismatchError.js";
import type { GenerateRequest, GenerateResult, VisionModel } from "../../../agent/vision/VisionModel.js";
import type { SourceImage } from "../../../agent/frames/SourceImage.js";

/** A VisionModel that reports encoding at `frame` and answers `text`, recording requests. */
class FakeModel implements VisionModel {
  readonly requests: GenerateRequest[] = [];
  disposed = 0;
  constructor(
    private readonly frame: (req: GenerateRequest) => { width: number; height: number } | null,
    private readonly text: string,
  ) {}
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(request);
    return {
      text: this.text,
      stopReason: "eog",
      promptTokens: 10,
      imageTokens: 1,
      generatedTokens: 3,
      frame: this.frame(request),
      timings: { prepareMs: 1, encodeMs: 2, prefillMs: 3, decodeMs: 4, totalMs: 12 },
    };
  }
  async dispose(): Promise<void> {
    this.disposed++;
  }
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

const image: SourceImage = { data: new Uint8Array(1920 * 1080 * 3), width: 1920, height: 1080, channels: 3 };

describe("VisionModelAnswerer", () => {
  test("hands the model the prepared frame, the grammar and the Qwen prompt; the honest frame passes", async () => {
    const model = new FakeModel((r) => ({ width: r.image!.rgb.width, height: r.image!.rgb.height }), '{"point_2d": [966, 546], "label": "Save"}');
    const r = await new ModelGrounder(new VisionModelAnswerer(model)).ground(image, "the Save button");
    assert.deepEqual(r.point, { x: 960, y: 540 });
    assert.equal(r.timings.modelMs, 11);
    const req = model.requests[0]!;
    assert.deepEqual([req.image!.rgb.width, req.image!.rgb.height], [1932, 1092]);
    assert.match(req.grammar!, /^root ::= /);
    assert.match(req.messages!.at(-1)!.content, /"the Save button".*point_2d/);
  });

  test("an engine that encoded another frame is a FrameMismatchError, not a silent skew", async () => {
    const model = new FakeModel(() => ({ width: 1372, height: 756 }), '{"point_2d": [10, 10]}');
    await assert.rejects(
      new ModelGrounder(new VisionModelAnswerer(model)).ground(image, "x"),
      (e: unknown) => e instanceof FrameMismatchError && /1372x756/.test(e.message) && /1932x1092/.test(e.message),
    );
  });

  test("an unconstrained (remote) model gets no grammar; dispose reaches the model", async () => {
    const model = new FakeModel((r) => ({ width: r.image!.rgb.width, height: r.image!.rgb.height }), '{"point_2d": [1, 1]}');
    const g = new ModelGrounder(new VisionModelAnswerer(model, undefined, false));
    await g.ground(image, "x");
    assert.equal(model.requests[0]!.grammar, undefined);
    await g.dispose();
    assert.equal(model.disposed, 1);
  });
});
