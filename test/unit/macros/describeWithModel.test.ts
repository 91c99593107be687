import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanName, describeWithModel } from "../../../agent/macros/recorder/describeWithModel.js";
import type { FrameAnswerer, FrameAnswerRequest } from "../../../agent/grounding/FrameAnswerer.js";
import { DEFAULT_TOKEN_BOUNDS } from "../../../agent/frames/TokenBounds.js";
import { renderScene } from "./support/renderScene.js";

test("a recorded target is named by the model from the area around the press", async () => {
  const asked: FrameAnswerRequest[] = [];
  const answerer: FrameAnswerer = {
    bounds: DEFAULT_TOKEN_BOUNDS,
    constrained: false,
    answer: async (r) => (asked.push(r), { text: '"the Save button."\nIt is blue.', modelMs: 1 }),
    dispose: async () => {},
  };
  const screen = await renderScene({ width: 1000, height: 700, buttons: [{ label: "Save", x: 200, y: 250 }], scale: 2 });
  const name = await describeWithModel(answerer)(screen, { x: 260, y: 268 });
  assert.equal(name, "the Save button");
  assert.equal(asked.length, 1);
  assert.equal(asked[0]!.maxTokens, 24);
  // The model saw 320x200 logical px around the press at native resolution (2x), not the whole screen.
  assert.deepEqual([asked[0]!.prepared.region.width, asked[0]!.prepared.region.height], [640, 400]);
});

test("answers are cleaned to one short name", () => {
  assert.equal(cleanName("```\nThe Email field\n```"), "The Email field");
  assert.equal(cleanName("  “Settings tab”  "), "Settings tab");
  assert.equal(cleanName(""), "");
  assert.equal(cleanName("x".repeat(900)).length, 500);
});
