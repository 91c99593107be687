import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ProfileId } from "../../agent/profiles/ModelProfile.js";
import { getProfile } from "../../agent/profiles/profileRegistry.js";
import { loadModelAnswers, type ModelAnswer } from "../support/modelAnswers.js";
import { describeCheck, GrammarHarness } from "./support/grammarHarness.js";
import { skipWithoutAddon } from "./support/tinyModel.js";

/**
 * Every real answer of a family DeskPilot has a profile for (Qwen2.5-VL, UI-TARS-1.5, Qwen3-VL,
 * GUI-Owl-1.5, MAI-UI) in the corpus through the grammar its profile
 * constrains local generation with, in llama.cpp's own grammar engine on the real Qwen2
 * tokenizer: an answer a real model wrote is accepted, or it is one of the forms the grammar
 * rejects on purpose, named here with the reason. A grammar that stops admitting what the model
 * writes fails this test; so does one that starts admitting a form rejected on purpose, since the
 * reason would then be wrong.
 */

/** Why the grammar refuses an answer on purpose, or undefined when it must accept it. */
function rejectedOnPurpose(a: ModelAnswer): string | undefined {
  const text = a.answer;
  if (a.profile === "qwen2.5-vl") {
    if (a.task === "computer-use") {
      if (!text.includes("<tool_call>")) return "prose without a tool call: locally the grammar makes the model answer with the call";
      if (/"name": "mobile_use"/.test(text)) return "the mobile agent's mobile_use tool: DeskPilot declares only computer_use, and the grammar names it";
      if ((text.match(/<tool_call>/g) ?? []).length > 1) return "a second tool call: the grammar ends at one action per step";
      return undefined;
    }
    if (/"(point_2d|bbox_2d)": \["/.test(text)) return "coordinates written as strings: the grammar writes numbers";
    if (!/[{[]/.test(text)) return "plain-text boxes its prompt asked for: the grammar writes DeskPilot's JSON";
    if (/```[^`]*```\s*\S/.test(text)) return "text after the closing fence: the grammar ends at the answer";
    return undefined;
  }
  if (a.profile === "qwen3-vl") {
    if (a.task === "computer-use") {
      if (/"name": "mobile_use"/.test(text)) return "the mobile cookbook's mobile_use tool: DeskPilot declares only computer_use, and the grammar names it";
      return undefined;
    }
    if (/"result":/.test(text)) return "the reporter's own prompt's \"result\" key: the grammar writes point_2d JSON";
    if (/^json\n/.test(text)) return 'a bare "json" tag without its fence (as pasted): the grammar writes the fence whole';
    if (/"names": \{/.test(text)) return 'nested objects and a stray "{" line (broken JSON): the grammar writes one flat object per place';
    if (/"(point_2d|bbox_2d)": \["/.test(text)) return "coordinates written as strings: the grammar writes numbers";
    if (!/[{[]/.test(text)) return "plain-text boxes its prompt asked for: the grammar writes DeskPilot's JSON";
    if (/```[^`]*```\s*\S/.test(text)) return "text after the closing fence: the grammar ends at the answer";
    return undefined;
  }
  if (a.profile === "mai-ui") {
    if (!/<\/grounding_think>/.test(text))
      return "cut off inside <grounding_think> at the evaluator's 256-token limit: the grammar cannot end inside the reasoning";
    if (/\}\}\s*<\/answer>/.test(text)) return "an extra closing brace after the coordinate object: the grammar closes it once";
    return undefined;
  }
  return undefined;
}

/** The families whose answers this test runs through their own profile's grammar. */
const FAMILIES: readonly ProfileId[] = ["qwen2.5-vl", "ui-tars-1.5", "qwen3-vl", "gui-owl-1.5", "mai-ui"];

function grammarFor(a: ModelAnswer, profile: ProfileId): string | undefined {
  const p = getProfile(profile);
  const frame = a.frame ?? { width: 1932, height: 1092 };
  if (a.task === "computer-use") return p.computerUse.grammar(frame, a.coordinateSpace);
  return p.grounding.grammar(frame, a.task === "grounding-box" ? "box" : "point", a.coordinateSpace);
}

describe("the profiles' grammars over the real answers in the corpus (llama.cpp's grammar engine)", { skip: skipWithoutAddon() }, () => {
  let harness: GrammarHarness;
  before(async () => {
    harness = await GrammarHarness.open();
  });
  after(async () => {
    await harness?.dispose();
  });

  const answers = loadModelAnswers().filter((a) => (FAMILIES as readonly string[]).includes(a.profile));
  let accepted = 0;

  for (const answer of answers) {
    const profile = answer.profile as ProfileId;
    test(`${answer.file}: ${answer.id} (${profile} ${answer.task})`, async () => {
      const grammar = grammarFor(answer, profile);
      if (grammar === undefined) return; // the profile generates this task unconstrained
      // The engine stops at end-of-generation: the answer as the model ended it, trailing space
      // aside, and without the end-of-turn token an evaluator decoded with the special tokens kept
      // (llama.cpp stops on it before the grammar sees it; DeskPilot's engine never returns it).
      const check = await harness.check(grammar, answer.answer.trimEnd().replace(/<\|im_end\|>$/, ""));
      const why = rejectedOnPurpose(answer);
      if (why === undefined) {
        assert.ok(check.accepted, `${answer.id}: a real answer the grammar must admit was ${describeCheck(check)}\n${answer.answer}`);
        accepted++;
      } else {
        assert.ok(!check.accepted, `${answer.id}: said to be rejected on purpose (${why}), but the grammar accepts it`);
      }
    });
  }

  test("most real answers pass the grammar unchanged", () => {
    assert.ok(accepted >= 10, `only ${accepted} of ${answers.length} real answers are accepted`);
  });
});
