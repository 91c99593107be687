import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ModelDecider } from "../../../agent/loop/ModelDecider.js";
import { ReplayDecider } from "../../../agent/loop/ReplayDecider.js";
import { askAboutImage } from "../../../agent/grounding/askAboutImage.js";
import type { FrameAnswerer } from "../../../agent/grounding/FrameAnswerer.js";
import { getProfile, parseProfileId } from "../../../agent/profiles/profileRegistry.js";
import { uiTarsComputerUsePrompt } from "../../../agent/profiles/uiTarsProfile.js";
import { uiTarsConversation } from "../../../agent/profiles/uiTars/uiTarsPrompt.js";
import { UsageError } from "../../../agent/errors/UsageError.js";
import { smartResize } from "../../../agent/geometry/smartResize.js";
import { IMAGE_MARKER, type GenerateRequest, type GenerateResult, type VisionModel } from "../../../agent/vision/VisionModel.js";
import { loopHarness } from "../loop/support/loopHarness.js";

/** A scripted model: answers in turn; with `contextSize`, it stands in for the local engine that keeps its context. */
class Scripted implements VisionModel {
  readonly requests: GenerateRequest[] = [];
  constructor(
    private readonly answers: readonly string[],
    readonly contextSize?: number,
  ) {}
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(request);
    const image = request.images?.at(-1) ?? request.image!;
    const text = this.answers[this.requests.length - 1] ?? "Thought: done\nAction: finished(content='no more answers')";
    return {
      text,
      stopReason: "eog",
      promptTokens: 1000,
      imageTokens: 100,
      generatedTokens: 40,
      contextTokens: 1000,
      reusedTokens: 0,
      frame: { width: image.frame.width, height: image.frame.height },
      timings: { prepareMs: 0, encodeMs: 0, prefillMs: 0, decodeMs: 0, totalMs: 1 },
    };
  }
  async dispose(): Promise<void> {}
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

// The harness's 1280×800 display at its 64…256 image tokens.
const frame = smartResize(1280, 800, 64, 256);
const px = (x: number, y: number) => `<point>${Math.round((x * frame.width) / 1280)} ${Math.round((y * frame.height) / 800)}</point>`;
const ANSWERS = [
  `Thought: Click the name field.\nAction: click(point='${px(200, 100)}')`,
  "Thought: Type the name and submit.\nAction: type(content='Ada\\n')",
  "Thought: Copy it.\nAction: hotkey(key='ctrl c')",
  "Thought: The form is sent.\nAction: finished(content='Submitted as Ada.')",
];

describe("the ui-tars-1.5 profile in the agent loop", () => {
  test("the prompt is UI-TARS's COMPUTER_USE layout: output format, action space (call_user included), note, then the task", () => {
    const p = uiTarsComputerUsePrompt("Sign up as Ada");
    const order = [
      "You are a GUI agent.",
      "## Output Format",
      "Thought: ...\nAction: ...",
      "## Action Space",
      "click(point='<point>x1 y1</point>')",
      "left_double(",
      "right_single(",
      "drag(start_point=",
      "hotkey(key='ctrl c')",
      "type(content='xxx')",
      "scroll(point=",
      "wait()",
      "finished(content='xxx')",
      "call_user()",
      "## Note",
      "## User Instruction\nSign up as Ada",
    ];
    let at = -1;
    for (const piece of order) {
      const i = p.indexOf(piece);
      assert.ok(i > at, `${JSON.stringify(piece)} comes next`);
      at = i;
    }
    assert.ok(getProfile("ui-tars-1.5").computerUse.maxTokens >= 512, "room for the thought");
  });

  test("kept context: a run completes, each step's user message is its screenshot alone, answers are the model's own words", async () => {
    const model = new Scripted(ANSWERS, 16_384);
    const decider = new ModelDecider(model, { grammar: true, profile: getProfile("ui-tars-1.5") });
    const h = loopHarness([], { maxSteps: 6, historyScreenshots: 2 }, { decider });
    const result = await h.run();
    assert.equal(result.status, "success");
    assert.match(result.reason, /Submitted as Ada\./, "finished's content is kept");
    assert.deepEqual(
      h.input.calls.map((c) => c.kind),
      ["click", "type", "keys"],
    );
    const click = h.input.calls[0] as { at: { x: number; y: number } };
    assert.ok(Math.abs(click.at.x - 200) <= 2 && Math.abs(click.at.y - 100) <= 2, `clicked at ${JSON.stringify(click.at)}`);
    assert.deepEqual((h.input.calls[1] as { text: string }).text, "Ada\n");
    const last = model.requests.at(-1)!;
    assert.equal(last.maxTokens, 768);
    assert.match(last.grammar!, /^root ::= thought\? "Action: " action/);
    const roles = last.messages!.map((m) => m.role).join(" ");
    assert.equal(roles, "system user user assistant user assistant user assistant user");
    assert.equal(last.messages![1]!.content, uiTarsComputerUsePrompt(h.options.task));
    const shots = last.messages!.filter((m, i) => i >= 2 && m.role === "user");
    assert.deepEqual(
      shots.map((m) => m.content),
      ["", IMAGE_MARKER, IMAGE_MARKER, IMAGE_MARKER],
      "the oldest screenshot left the window; its turn stays, empty",
    );
    assert.equal(last.images!.length, 3);
    assert.deepEqual(
      last.messages!.filter((m) => m.role === "assistant").map((m) => m.content),
      ANSWERS.slice(0, 3),
    );
  });

  test("without a kept context (a remote endpoint): the instruction, past answers as assistant turns, the screenshot last", async () => {
    const model = new Scripted(ANSWERS);
    const decider = new ModelDecider(model, { grammar: false, profile: getProfile("ui-tars-1.5") });
    const h = loopHarness([], { maxSteps: 6 }, { decider });
    assert.equal((await h.run()).status, "success");
    const third = model.requests[2]!;
    assert.ok(third.image, "the current screenshot goes with the last user message");
    assert.equal(third.grammar, undefined);
    assert.deepEqual(
      third.messages!.map((m) => [m.role, m.role === "assistant" ? m.content : m.content.slice(0, 20)]),
      [
        ["system", "You are a helpful as"],
        ["user", "You are a GUI agent."],
        ["assistant", ANSWERS[0]],
        ["assistant", ANSWERS[1]],
        ["user", ""],
      ],
    );
  });

  test("a failed step is told to the model before its next screenshot (UI-TARS's layout has no tool results)", async () => {
    const model = new Scripted(["Thought: x\nAction: scroll(point='<point>5 5</point>', direction='sideways')", ANSWERS[3]!]);
    const h = loopHarness([], { maxSteps: 3 }, { decider: new ModelDecider(model, { grammar: false, profile: getProfile("ui-tars-1.5") }) });
    assert.equal((await h.run()).status, "success");
    assert.match(
      model.requests[1]!.messages!.at(-1)!.content,
      /^The previous action was not done: invalid action, nothing was done: .*directions are up, down, left and right/,
    );
  });

  test("call_user ends the run as a failure that says the model asked for the user", async () => {
    const h = loopHarness(
      [],
      { maxSteps: 3 },
      {
        decider: new ModelDecider(new Scripted(["Thought: I need the password.\nAction: call_user()"]), { grammar: false, profile: getProfile("ui-tars-1.5") }),
      },
    );
    const result = await h.run();
    assert.equal(result.status, "failure");
    assert.match(result.reason, /asked for the user's help/);
  });

  test("after a restart the earlier steps come back as UI-TARS actions in the model's own space, without screenshots", () => {
    const base = {
      history: [
        { step: 1, action: JSON.stringify({ action: "left_click", coordinate: [965.5, 545.5] }), observation: "done; the screen changed", failed: false },
        { step: 2, action: JSON.stringify({ action: "type", text: "it's\n" }), observation: "invalid action, nothing was done: x", failed: true },
      ],
      omitted: 0,
    };
    const messages = uiTarsConversation({
      task: "t",
      frame: { width: 1932, height: 1092 },
      coordinates: "relative-1000",
      base,
      turns: [{ step: 3, showsScreenshot: true }],
    });
    assert.deepEqual(messages.slice(2), [
      { role: "assistant", content: "Action: click(point='<point>500 500</point>')" },
      { role: "assistant", content: "Action: type(content='it\\'s\\n')" },
      { role: "user", content: `${IMAGE_MARKER}The previous action was not done: invalid action, nothing was done: x` },
    ]);
  });

  test("a recorded UI-TARS run replays as UI-TARS answers (--replay with --profile)", async () => {
    const h = loopHarness([], { maxSteps: 6 }, { decider: new ReplayDecider(ANSWERS, { profile: "ui-tars-1.5" }) });
    assert.equal((await h.run()).status, "success");
    assert.deepEqual(
      h.input.calls.map((c) => c.kind),
      ["click", "type", "keys"],
    );
  });

  test("ask: the places a UI-TARS answer names (<point>, in its coordinate space) are placed on the image", async () => {
    const answerer: FrameAnswerer = {
      bounds: { minImageTokens: 1024, maxImageTokens: 4096 },
      constrained: false,
      profile: getProfile("ui-tars-1.5"),
      coordinates: "relative-1000",
      answer: async () => ({ text: "The Save button: <point>500 500</point>.", modelMs: 1 }),
      dispose: async () => {},
    };
    const image = { data: new Uint8Array(1920 * 1080 * 3), width: 1920, height: 1080, channels: 3 as const };
    const r = await askAboutImage(answerer, image, "Where is Save?");
    assert.deepEqual(
      r.elements.map((e) => e.point),
      [{ x: 960, y: 540 }],
    );
  });

  test("an unknown profile is a usage error that lists the known ones", () => {
    assert.throws(
      () => parseProfileId("ui-tars-2"),
      (e: unknown) => e instanceof UsageError && /qwen2\.5-vl, ui-tars-1\.5/.test(e.message),
    );
  });
});
