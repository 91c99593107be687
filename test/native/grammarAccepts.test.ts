import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { groundingGrammar } from "../../agent/profiles/qwen25vl/groundingGrammar.js";
import { candidateToImage } from "../../agent/grounding/mapCandidate.js";
import { parseGroundingAnswer } from "../../agent/profiles/qwen25vl/parseGroundingAnswer.js";
import { actionToScreen } from "../../agent/loop/actionToScreen.js";
import { parseToolCall } from "../../agent/profiles/qwen25vl/parseToolCall.js";
import { toolCallGrammar } from "../../agent/profiles/qwen25vl/toolCallGrammar.js";
import { repoRoot } from "../support/repoRoot.js";
import { describeCheck, GrammarHarness, rejectedOffset } from "./support/grammarHarness.js";
import { REAL_QWEN_ANSWERS } from "./support/realQwenAnswers.js";
import { POINT_GRAMMAR, skipWithoutAddon } from "./support/tinyModel.js";

// 1920x1080 at 2691 image tokens: the frame the issue's overshoot happens on.
const frame = { width: 1932, height: 1092 };
const region = { x: 0, y: 0, width: 1920, height: 1080 };
const display = { id: "1", name: "test", x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 1, primary: true };
const grammars = { toolCall: toolCallGrammar(frame), box: groundingGrammar(frame, "box"), point: groundingGrammar(frame, "point") };
const before12 = (kind: "toolCall" | "box" | "point") =>
  readFileSync(join(repoRoot, "test", "fixtures", "grammar", `before-issue12-${kind}-1932x1092.gbnf`), "utf8").trimEnd();
const call = (args: string) => `<tool_call>\n{"name": "computer_use", "arguments": ${args}}\n</tool_call>`;

describe("our GBNF through llama.cpp's grammar engine, on the real Qwen2 tokenizer", { skip: skipWithoutAddon() }, () => {
  let harness: GrammarHarness;
  before(async () => {
    harness = await GrammarHarness.open();
  });
  after(async () => {
    await harness?.dispose();
  });

  test("the harness: accepts what the grammar says, rejects at the right token, and knows when it may end", async () => {
    const ok = await harness.check(POINT_GRAMMAR, '{"point_2d":[12,34]}');
    assert.equal(ok.accepted, true, describeCheck(ok));
    assert.equal(ok.acceptedTokens, ok.tokens.length);
    const open = await harness.check(POINT_GRAMMAR, '{"point_2d":[12,34]');
    assert.deepEqual([open.accepted, open.rejectedAt, open.canEnd], [false, undefined, false]);
    const wrong = await harness.check(POINT_GRAMMAR, '{"point_2d":[12, 34]}');
    assert.equal(wrong.accepted, false);
    assert.equal(wrong.tokens.slice(0, wrong.rejectedAt).join(""), '{"point_2d":[12,');
    await assert.rejects(harness.check("root ::= oops", "x"), { code: "INVALID_REQUEST" });
  });

  test("the Qwen2 tokenizer writes every digit as its own token (docs/design.md §10)", async () => {
    const { tokens } = await harness.check(POINT_GRAMMAR, '{"point_2d":[1950,546]}');
    for (const d of "1950546") assert.ok(tokens.includes(d), `${d} in ${JSON.stringify(tokens)}`);
    assert.ok(!tokens.some((t) => /^\d{2,}$/.test(t)), JSON.stringify(tokens));
  });

  describe("issue 12 defect 3: x=1950 on a 1932-wide frame", () => {
    const click = call('{"action": "left_click", "coordinate": [1950, 546]}');
    const point = '{"point_2d": [1950, 546], "label": "the close button"}';

    test("the grammar before issue 12 rejects the fourth digit, forcing x=195", async () => {
      for (const [kind, text] of [
        ["toolCall", click],
        ["point", point],
      ] as const) {
        const old = await harness.check(before12(kind), text);
        assert.equal(old.accepted, false, kind);
        assert.equal(old.tokens[old.rejectedAt!], "0", `${kind}: ${describeCheck(old)}`);
        assert.ok(old.tokens.slice(0, old.rejectedAt).join("").endsWith("[195"), kind);
      }
    });

    test("today's grammar accepts it, and the answer maps to the clamped point, not a truncated one", async () => {
      for (const [kind, text] of [
        ["toolCall", click],
        ["point", point],
      ] as const) {
        const now = await harness.check(grammars[kind], text);
        assert.equal(now.accepted, true, `${kind}: ${describeCheck(now)}`);
      }
      const action = actionToScreen(parseToolCall(click), frame, region, display);
      assert.deepEqual("coordinate" in action && action.coordinate, [1919, 540], "the right-most column, where the model meant");
      const grounded = candidateToImage(parseGroundingAnswer(point, frame).best, frame, region);
      assert.equal(grounded.point.x, 1920, "the image's right edge");
    });
  });

  describe("issue 12 defect 4: the forms Qwen2.5-VL writes", () => {
    // Forms from the Qwen2.5-VL cookbooks (spatial_understanding outputs, agent_function_call.py's
    // computer_use schema) and docs/design.md §4, written here in the model's own layout.
    const forms: [keyof typeof grammars, string, string, "new" | "kept"][] = [
      ["box", "json fence and list", '```json\n[\n\t{"bbox_2d": [1240, 212, 1316, 248], "label": "Reload cache"}\n]\n```', "new"],
      ["box", "indented list, one member per line", '```json\n[\n  {\n    "bbox_2d": [10, 20, 30, 40],\n    "label": "Save"\n  }\n]\n```', "new"],
      [
        "box",
        "a long list, extra members, a trailing comma",
        `[${'{"bbox_2d": [1, 2, 3, 4], "label": "cupcake with white frosting and colorful sprinkles", "sub_label": "left"},'.repeat(6)}]`,
        "new",
      ],
      ["box", "no label", '[{"bbox_2d": [10, 20, 30, 40]}]', "new"],
      ["box", "a 38-character label", '{"bbox_2d": [1240, 212, 1316, 248], "label": "the Reload cache button in the toolbar"}', "new"],
      ["point", "json fence and list", '```json\n[\n\t{"point_2d": [966, 546], "label": "search box"}\n]\n```', "new"],
      ["point", "one object", '{"point_2d": [966, 546], "label": "search box"}', "kept"],
      ["toolCall", "scroll without a coordinate", call('{"action": "scroll", "pixels": -5}'), "new"],
      ["toolCall", "scroll, pixels before the coordinate", call('{"action": "scroll", "pixels": 3, "coordinate": [966, 546]}'), "new"],
      ["toolCall", "Return", call('{"action": "key", "keys": ["Return"]}'), "new"],
      ["toolCall", "F5", call('{"action": "key", "keys": ["F5"]}'), "new"],
      ["toolCall", "Page_Down", call('{"action": "key", "keys": ["Page_Down"]}'), "new"],
      ["toolCall", "BackSpace", call('{"action": "key", "keys": ["BackSpace"]}'), "new"],
      ["toolCall", "ctrl+c as one string", call('{"action": "key", "keys": ["ctrl+c"]}'), "new"],
      ["toolCall", "500 characters of text", call(`{"action": "type", "text": "${"Dear team, thanks for the update. ".repeat(15)}"}`), "new"],
      ["toolCall", "a 30 s wait", call('{"action": "wait", "time": 30}'), "new"],
    ];
    for (const [kind, name, text, change] of forms) {
      test(`${kind}: ${name} is accepted${change === "new" ? " today, and was not before" : ", as before"}`, async () => {
        const now = await harness.check(grammars[kind], text);
        assert.equal(now.accepted, true, describeCheck(now));
        const old = await harness.check(before12(kind), text);
        assert.equal(old.accepted, change === "kept", `before issue 12: ${describeCheck(old)}`);
        assert.doesNotThrow(() => (kind === "toolCall" ? parseToolCall(text) : parseGroundingAnswer(text, frame)), "and it parses");
      });
    }
    test("a key the grammar admits that executeAction does not know fails the step with the reason", async () => {
      const text = call('{"action": "key", "keys": ["Hyper_L"]}');
      assert.equal((await harness.check(grammars.toolCall, text)).accepted, true);
      assert.throws(() => parseToolCall(text), /unknown key "Hyper_L"/);
    });
  });

  describe("answers real Qwen2.5-VL weights wrote (sources in support/realQwenAnswers.ts)", () => {
    assert.ok(REAL_QWEN_ANSWERS.length >= 10);
    for (const answer of REAL_QWEN_ANSWERS) {
      const name = `${answer.id} (${answer.model}): ${answer.rejected ? `rejected on purpose: ${answer.rejected.why}` : "accepted"}`;
      test(name, async () => {
        const check = await harness.check(grammars[answer.grammar], answer.text);
        if (!answer.rejected) return assert.equal(check.accepted, true, describeCheck(check));
        assert.equal(check.accepted, false, "accepted, but the test says why it should not be");
        const at = rejectedOffset(check);
        const from = answer.text.indexOf(answer.rejected.within);
        assert.ok(from >= 0, `"${answer.rejected.within}" is not in the answer`);
        // a token may start with the space or quote before the word
        assert.ok(
          at !== undefined && at >= from - 2 && at < from + answer.rejected.within.length,
          `${describeCheck(check)} (offset ${at}; expected within "${answer.rejected.within}" at ${from})`,
        );
      });
    }
  });
});
