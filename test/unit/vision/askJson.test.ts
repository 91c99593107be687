import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { fixedAnswerModel } from "../../support/FixedAnswerModel.js";
import { prepareFrame } from "../../../agent/frames/prepareFrame.js";
import { askJson } from "../../../agent/vision/askJson.js";

describe("askJson", () => {
  const question = { prompt: "Name it.", grammar: 'root ::= "{}"', maxTokens: 8 };
  const frame = () => prepareFrame({ data: new Uint8Array(56 * 28 * 3), width: 56, height: 28, channels: 3 }, { minImageTokens: 1, maxImageTokens: 16 });

  test("asks the prompt as the one user turn about the frame, with the grammar when constrained, and reads the first object", async () => {
    const model = fixedAnswerModel('Sure: [1, 2] {"label": "OK"} {"label": "no"}');
    const image = await frame();
    assert.deepEqual(await askJson(model, image, question, { constrained: true }), { label: "OK" });
    assert.deepEqual(model.requests[0], { image, messages: [{ role: "user", content: "Name it." }], maxTokens: 8, grammar: question.grammar });
  });

  test("leaves the grammar out when unconstrained; an answer with no object is undefined", async () => {
    const model = fixedAnswerModel("no idea");
    assert.equal(await askJson(model, await frame(), question, { constrained: false }), undefined);
    assert.equal(model.requests[0]!.grammar, undefined);
  });
});
