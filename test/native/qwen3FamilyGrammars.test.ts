import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ProfileId } from "../../agent/profiles/ModelProfile.js";
import { getProfile } from "../../agent/profiles/profileRegistry.js";
import { describeCheck, GrammarHarness } from "./support/grammarHarness.js";
import { skipWithoutAddon } from "./support/tinyModel.js";

/**
 * The Qwen3-VL family's grammars in llama.cpp's own grammar engine (on the real Qwen2 tokenizer,
 * whose byte-level BPE Qwen3-VL shares): each one parses, admits the answer shapes its family's
 * references show, and refuses what the profile would refuse anyway. The unit tests check the same
 * rules as a RegExp; this checks that llama.cpp reads them the same way.
 */

const FRAME = { width: 1920, height: 1088 };
const call = (tool: string, args: string) => `<tool_call>\n{"name": "${tool}", "arguments": ${args}}\n</tool_call>`;

const CASES: ReadonlyArray<{ profile: ProfileId; task: "computer-use" | "point" | "bench-clicks"; text: string; accepted: boolean; why: string }> = [
  // `bench loop` narrows the grammar to clicks (kinds ["point"]): a random model then neither ends the run nor wanders in a Thought line.
  {
    profile: "qwen3-vl",
    task: "bench-clicks",
    accepted: true,
    why: "a bare click call",
    text: call("computer_use", '{"action": "left_click", "coordinate": [447, 81]}'),
  },
  {
    profile: "qwen3-vl",
    task: "bench-clicks",
    accepted: false,
    why: "terminate, which would end the benchmark's run",
    text: call("computer_use", '{"action": "terminate", "status": "success"}'),
  },
  {
    profile: "qwen3-vl",
    task: "bench-clicks",
    accepted: false,
    why: "a Thought line",
    text: `Thought: The search bar.\n${call("computer_use", '{"action": "left_click", "coordinate": [447, 81]}')}`,
  },
  {
    profile: "gui-owl-1.5",
    task: "bench-clicks",
    accepted: false,
    why: "interact (a text action)",
    text: call("computer_use", '{"action": "interact", "text": "Please log in."}'),
  },
  {
    profile: "mai-ui",
    task: "bench-clicks",
    accepted: true,
    why: "an empty <thinking> block and a compact click",
    text: '<thinking>\n</thinking>\n<tool_call>\n{"name":"mobile_use","arguments":{"action":"click","coordinate":[499,499]}}\n</tool_call>',
  },
  {
    profile: "mai-ui",
    task: "bench-clicks",
    accepted: false,
    why: "a written-out <thinking>, where a random model wanders",
    text: '<thinking>\nOpening settings\n</thinking>\n<tool_call>\n{"name":"mobile_use","arguments":{"action":"click","coordinate":[499,499]}}\n</tool_call>',
  },
  {
    profile: "mai-ui",
    task: "bench-clicks",
    accepted: false,
    why: "terminate",
    text: '<thinking>\n</thinking>\n<tool_call>\n{"name":"mobile_use","arguments":{"action":"terminate","status":"success"}}\n</tool_call>',
  },
  {
    profile: "mai-ui",
    task: "bench-clicks",
    accepted: false,
    why: "a swipe",
    text: '<thinking>\n</thinking>\n<tool_call>\n{"name":"mobile_use","arguments":{"action":"swipe","direction":"down"}}\n</tool_call>',
  },
  {
    profile: "qwen3-vl",
    task: "computer-use",
    accepted: true,
    why: "Thought, Action, one call (the mobile cookbook's shape)",
    text: `Thought: The search bar.\nAction: "Click the search bar."\n${call("computer_use", '{"action": "left_click", "coordinate": [447, 81]}')}`,
  },
  {
    profile: "qwen3-vl",
    task: "computer-use",
    accepted: false,
    why: "a reasoning block: the Instruct models write none, and admitted free text lets a model wander to its token limit",
    text: `The dialog is open, so confirm it.\n</think>\n\n${call("computer_use", '{"action": "triple_click", "coordinate": [500, 250]}')}`,
  },
  {
    profile: "qwen3-vl",
    task: "computer-use",
    accepted: true,
    why: "answer ends the run with its text",
    text: `Action: Report.\n${call("computer_use", '{"action": "answer", "text": "It costs \\"42\\" euros."}')}`,
  },
  {
    profile: "qwen3-vl",
    task: "computer-use",
    accepted: false,
    why: "the phone tool's name",
    text: call("mobile_use", '{"action": "click", "coordinate": [1, 2]}'),
  },
  {
    profile: "qwen3-vl",
    task: "point",
    accepted: false,
    why: "point_2d JSON after a reasoning block (an Instruct model writes none)",
    text: `<think>\nThe OK button.\n</think>\n\n{"point_2d": [500, 250], "label": "OK"}`,
  },
  {
    profile: "gui-owl-1.5",
    task: "computer-use",
    accepted: true,
    why: "Action and one call, with interact",
    text: `Action: Ask the user to log in.\n${call("computer_use", '{"action": "interact", "text": "Please log in."}')}`,
  },
  {
    profile: "gui-owl-1.5",
    task: "computer-use",
    accepted: false,
    why: "a <thinking> block first: the Instruct model writes none (its runtime prepends a thinking variant's reasoning)",
    text: `<thinking>\nThe field is focused.\n</thinking>Action: Type.\n${call("computer_use", '{"action": "type", "text": "mPLUG-Owl3"}')}`,
  },
  {
    profile: "gui-owl-1.5",
    task: "point",
    accepted: true,
    why: "its grounding answer: a left_click call",
    text: call("computer_use", '{"action": "left_click", "coordinate": [250, 500]}'),
  },
  {
    profile: "gui-owl-1.5",
    task: "point",
    accepted: false,
    why: "grounding offers only left_click and mouse_move",
    text: call("computer_use", '{"action": "type", "text": "x"}'),
  },
  {
    profile: "mai-ui",
    task: "computer-use",
    accepted: true,
    why: "<thinking> then a compact mobile_use call, as its history writes it",
    text: `<thinking>\nScrolling down to find WiFi option\n</thinking>\n<tool_call>\n{"name":"mobile_use","arguments":{"action":"swipe","direction":"down"}}\n</tool_call>`,
  },
  {
    profile: "mai-ui",
    task: "computer-use",
    accepted: true,
    why: "a click in 0–999",
    text: `<thinking>\nOpening settings\n</thinking>\n<tool_call>\n{"name":"mobile_use","arguments":{"action":"click","coordinate":[499,499]}}\n</tool_call>`,
  },
  {
    profile: "mai-ui",
    task: "computer-use",
    accepted: false,
    why: "a phone-only action",
    text: `<thinking>\nx\n</thinking>\n<tool_call>\n{"name":"mobile_use","arguments":{"action":"open","text":"Settings"}}\n</tool_call>`,
  },
  {
    profile: "mai-ui",
    task: "point",
    accepted: true,
    why: "<grounding_think> and <answer>",
    text: '<grounding_think>\nThought: The zoom-in button.\n</grounding_think>\n<answer>\n{"coordinate":[950,985]}\n</answer>',
  },
];

describe("the Qwen3-VL family's grammars through llama.cpp's grammar engine", { skip: skipWithoutAddon() }, () => {
  let harness: GrammarHarness;
  before(async () => {
    harness = await GrammarHarness.open();
  });
  after(async () => {
    await harness?.dispose();
  });

  for (const c of CASES) {
    test(`${c.profile} ${c.task}: ${c.accepted ? "admits" : "refuses"} ${c.why}`, async () => {
      const p = getProfile(c.profile);
      const space = p.defaultCoordinates;
      const grammar =
        c.task === "computer-use"
          ? p.computerUse.grammar(FRAME, space)
          : c.task === "bench-clicks"
            ? p.computerUse.grammar(FRAME, space, ["point"])
            : p.grounding.grammar(FRAME, "point", space);
      assert.ok(grammar, `${c.profile} has a ${c.task} grammar`);
      const check = await harness.check(grammar, c.text);
      assert.equal(check.accepted, c.accepted, `${describeCheck(check)}\n${c.text}`);
      if (c.accepted) {
        // What the grammar lets through, the profile reads.
        const read = c.task !== "point" ? p.computerUse.parse(c.text, FRAME, space) : p.grounding.parse(c.text, FRAME, space).best;
        assert.ok(read);
      }
    });
  }
});
