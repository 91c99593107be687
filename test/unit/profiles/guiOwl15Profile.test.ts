import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { guiOwl15Profile } from "../../../agent/profiles/guiOwl15Profile.js";
import { getProfile, parseProfileId } from "../../../agent/profiles/profileRegistry.js";
import { grammarRegExp } from "./support/grammarRegExp.js";

const FRAME = { width: 1920, height: 1088 };
const call = (args: object) => `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;

describe("the gui-owl-1.5 profile", () => {
  test("is a known profile answering in 0–1000 on Qwen3-VL's grid", () => {
    assert.equal(getProfile(parseProfileId("GUI-Owl-1.5")), guiOwl15Profile);
    assert.equal(guiOwl15Profile.defaultCoordinates, "relative-1000");
    assert.equal(guiOwl15Profile.grid.patchSize, 16);
  });

  test("its own prompt: a 1000x1000 screen, `interact` in the tool, an Action-only response format, previous actions listed", () => {
    const [system, user] = guiOwl15Profile.computerUse.messages({ task: "Open mail", frame: FRAME, coordinates: "relative-1000", history: [], omitted: 0 });
    assert.match(system!.content, /\* The screen's resolution is 1000x1000\./);
    assert.match(system!.content, /"hscroll", "wait", "terminate", "answer", "interact"\]/);
    assert.match(system!.content, /1\) Action: a short imperative describing what to do in the UI\.\n2\) A single <tool_call>/);
    assert.doesNotMatch(system!.content, /Thought:/);
    assert.doesNotMatch(system!.content, /You are a helpful assistant/, "its runtime sends no system sentence");
    assert.equal(
      user!.content,
      "Please generate the next move according to the UI screenshot, instruction and previous actions.\n\nInstruction: Open mail\n\nPrevious actions:\nNone",
    );
    const history = [{ step: 1, action: JSON.stringify({ action: "left_click", coordinate: [0, 0] }), observation: "ok", failed: false }];
    const answers = new Map([[1, `Action: Open the Start menu.\n${call({ action: "left_click", coordinate: [10, 990] })}`]]);
    const later = guiOwl15Profile.computerUse.messages({ task: "Open mail", frame: FRAME, coordinates: "relative-1000", history, omitted: 0, answers });
    assert.match(later[1]!.content, /Previous actions:\nStep 1: Open the Start menu\.$/);
  });

  test("answers: Action line and one tool call; `interact` ends the run as needing the user; a <thinking> block is stripped", () => {
    assert.deepEqual(guiOwl15Profile.computerUse.parse(`Action: Click.\n${call({ action: "left_click", coordinate: [500, 500] })}`, FRAME, "relative-1000"), {
      action: "left_click",
      coordinate: [959.5, 543.5],
    });
    const ask = guiOwl15Profile.computerUse.parse(`Action: Ask.\n${call({ action: "interact", text: "Please log in." })}`, FRAME, "relative-1000");
    assert.deepEqual(ask, { action: "terminate", status: "failure", message: "the model asked for the user's help (interact): Please log in." });
    const thought = `<thinking>\nThe login dialog blocks; <tool_call> later.\n</thinking>Action: Type.\n${call({ action: "type", text: "ada" })}`;
    assert.deepEqual(guiOwl15Profile.computerUse.parse(thought, FRAME, "relative-1000"), { action: "type", text: "ada" });
  });

  test("grounding is a left_click tool call on a 1000x1000 screen, as its grounding evaluation asks", () => {
    const [system, user] = guiOwl15Profile.grounding.messages("the Save button", "point");
    assert.match(system!.content, /"description": "Use a mouse to interact with a computer\.\n\* The screen's resolution is 1000x1000\.\n/);
    assert.match(system!.content, /"enum": \["mouse_move", "left_click"\]/);
    assert.equal(user!.content, "the Save button");
    const parsed = guiOwl15Profile.grounding.parse(call({ action: "left_click", coordinate: [250, 500] }), FRAME, "relative-1000");
    assert.deepEqual(parsed.best.point, { x: 480, y: 544 });
    assert.throws(
      () => guiOwl15Profile.grounding.parse(call({ action: "terminate", status: "failure" }), FRAME, "relative-1000"),
      (e: unknown) => (e as { code?: string }).code === "GROUNDING_UNPARSEABLE",
    );
    const gre = grammarRegExp(guiOwl15Profile.grounding.grammar(FRAME, "point", "relative-1000")!);
    assert.match(
      call({ action: "left_click", coordinate: [250, 500] })
        .replace(/":/g, '": ')
        .replace(/,"/g, ', "'),
      gre,
    );
    assert.doesNotMatch(call({ action: "type", text: "x" }), gre);
  });

  test("the computer-use grammar admits `interact` with its text", () => {
    const re = grammarRegExp(guiOwl15Profile.computerUse.grammar(FRAME, "relative-1000")!);
    assert.match(
      `Action: Ask the user.\n<tool_call>\n{"name": "computer_use", "arguments": {"action": "interact", "text": "Log in, please."}}\n</tool_call>`,
      re,
    );
  });
});
