import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { uiTarsGrammar, uiTarsGroundingGrammar } from "../../agent/profiles/uiTars/uiTarsGrammar.js";
import { describeCheck, GrammarHarness } from "./support/grammarHarness.js";
import { skipWithoutAddon, tinyModel } from "./support/tinyModel.js";

const skip = skipWithoutAddon();

/**
 * llama.cpp's own grammar engine takes the UI-TARS grammars (a GBNF it cannot parse is an
 * INVALID_REQUEST), and what the tiny random model writes under them is the start of a UI-TARS
 * answer: the grammar, not the weights, decides the form.
 */
describe("the UI-TARS grammars in llama.cpp (tiny model, native addon)", { skip }, () => {
  let model: HostedVisionModel;
  before(async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    model = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 4096, warmup: false, minImageTokens: 8, maxImageTokens: 256 });
  });
  after(async () => {
    await model?.dispose();
  });

  for (const [name, grammar] of [
    ["computer use", uiTarsGrammar()],
    ["grounding", uiTarsGroundingGrammar()],
  ] as const) {
    test(`${name}: accepted, and the answer starts as UI-TARS's does`, async () => {
      // A short prompt: what is checked is the grammar, and the thought's open alternatives cost time per token.
      const result = await model.generate({ messages: [{ role: "user", content: "Open the settings." }], grammar, maxTokens: 24 });
      process.stderr.write(`${name}: ${JSON.stringify(result.text)} (${result.stopReason}, ${Math.round(result.timings.decodeMs)} ms decoding)\n`);
      // A grounding answer may also be the bare call (UI-TARS-1.5 writes it so, bytedance/UI-TARS#183).
      const bare = name === "grounding" && /^(c(l(i(ck?)?)?)?|l(e(f(t(_(s(i(n(g(le?)?)?)?)?)?)?)?)?)?)(\(|$)/.test(result.text);
      if (!bare) assert.match(result.text, /^(Thought: |Action: )|^(T(h(o(u(g(ht?)?)?)?)?)?|A(c(t(i(on?)?)?)?)?)$/, JSON.stringify(result.text));
      if (result.stopReason === "eog") assert.match(result.text, bare ? /^[a-z_]+\(.*\)$/s : /(^|\n)Action: [a-z_]+\(.*\)$/s);
    });
  }
});

// `bench loop` narrows the grammar to clicks (kinds ["point"]), as for the Qwen families: a random
// model then neither ends the run with finished() nor wanders in a Thought paragraph.
const BENCH_CLICKS = [
  { accepted: true, why: "a click with its box", text: "Action: click(start_box='<|box_start|>(235,512)<|box_end|>')" },
  { accepted: true, why: "a double click at a point", text: "Action: left_double(point='<point>120 40</point>')" },
  { accepted: false, why: "a Thought paragraph", text: "Thought: The settings icon.\nAction: click(start_box='(235,512)')" },
  { accepted: false, why: "finished(), which would end the benchmark's run", text: "Action: finished(content='done')" },
  { accepted: false, why: "typing", text: "Action: type(content='hello')" },
] as const;

describe("the UI-TARS grammar narrowed to clicks, in llama.cpp's grammar engine", { skip }, () => {
  let harness: GrammarHarness;
  before(async () => {
    harness = await GrammarHarness.open();
  });
  after(async () => {
    await harness?.dispose();
  });

  for (const c of BENCH_CLICKS) {
    test(`${c.accepted ? "admits" : "refuses"} ${c.why}`, async () => {
      const check = await harness.check(uiTarsGrammar(["point"]), c.text);
      assert.equal(check.accepted, c.accepted, `${describeCheck(check)}\n${c.text}`);
    });
  }
});
