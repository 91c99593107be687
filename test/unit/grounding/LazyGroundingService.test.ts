import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { FrameAnswerRequest } from "../../../agent/grounding/FrameAnswerer.js";
import type { SourceImage } from "../../../agent/frames/SourceImage.js";
import type { GroundingPromptKind } from "../../../agent/grounding/GroundingPromptKind.js";
import { LazyGroundingService } from "../../../agent/grounding/LazyGroundingService.js";
import { OracleAnswerer } from "../../../agent/grounding/OracleAnswerer.js";
import type { ScreenSource } from "../../../agent/ports/ScreenSource.js";

const image: SourceImage = { data: new Uint8Array(640 * 480 * 3), width: 640, height: 480, channels: 3 };

/** The oracle, recording how each request was put. */
class RecordingOracle extends OracleAnswerer {
  readonly asked: FrameAnswerRequest[] = [];
  override answer(request: FrameAnswerRequest) {
    this.asked.push(request);
    return super.answer(request);
  }
}

describe("the grounding prompt setting in the app's grounding slice", () => {
  test("requests that name no prompt use the setting, read at each request; a request's own prompt wins", async () => {
    const oracle = new RecordingOracle([{ query: "Save", box: [100, 100, 140, 120] }]);
    let setting: GroundingPromptKind = "tool-call";
    const grounding = new LazyGroundingService({} as ScreenSource, { borrow: async () => oracle, loaded: () => oracle }, async () => setting);
    const a = await grounding.ground({ image, query: "Save", zoom: false });
    assert.match(a.raw, /^<tool_call>\n\{"name": "computer_use", "arguments": \{"action": "left_click"/);
    assert.equal(oracle.asked[0]!.messages[0]!.role, "system");
    assert.match(oracle.asked[0]!.grammar!, /^args ::= left-click$/m);
    assert.deepEqual([Math.round(a.point.x), Math.round(a.point.y)], [120, 110]);
    setting = "json";
    const b = await grounding.ground({ image, query: "Save", zoom: false });
    assert.match(b.raw, /^\{"point_2d"/);
    const c = await grounding.ground({ image, query: "Save", zoom: false, prompt: "tool-call" });
    assert.match(c.raw, /^<tool_call>/);
    // A box is always asked in JSON: the tool call names a point only.
    setting = "tool-call";
    const d = await grounding.ground({ image, query: "Save", zoom: false, mode: "box" });
    assert.match(d.raw, /^\{"bbox_2d"/);
    await grounding.dispose();
  });
});
