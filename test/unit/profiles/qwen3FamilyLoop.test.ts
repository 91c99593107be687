import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ModelDecider } from "../../../agent/loop/ModelDecider.js";
import { getProfile } from "../../../agent/profiles/profileRegistry.js";
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
    const text = this.answers[this.requests.length - 1] ?? "no more answers";
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

const call = (tool: string, args: object) => `<tool_call>\n${JSON.stringify({ name: tool, arguments: args })}\n</tool_call>`;

// The harness's display is 1280x800: 0–1000 of it is x/1280·1000, y/800·1000, whatever frame the model saw.
const QWEN3 = [
  `<think>\nThe name field is at the top.\n</think>\n\nThought: Click the name field.\nAction: Click the name field.\n${call("computer_use", { action: "left_click", coordinate: [156.25, 125] })}`,
  `Thought: Select the whole line.\nAction: Triple-click it.\n${call("computer_use", { action: "triple_click", coordinate: [500, 500] })}`,
  `Thought: Scroll sideways.\nAction: Scroll right.\n${call("computer_use", { action: "hscroll", pixels: 300, coordinate: [500, 500] })}`,
  `Thought: Done.\nAction: Report the total.\n${call("computer_use", { action: "answer", text: "The total is 42." })}`,
];

describe("the Qwen3-VL family in the agent loop", () => {
  test("qwen3-vl, kept context: reasoning stripped, 0–1000 mapped onto the display, triple click and sideways scroll done, answer ends the run with its text", async () => {
    const model = new Scripted(QWEN3, 16_384);
    const decider = new ModelDecider(model, { grammar: true, profile: getProfile("qwen3-vl") });
    const h = loopHarness([], { maxSteps: 6, historyScreenshots: 2 }, { decider });
    const result = await h.run();
    assert.equal(result.status, "success");
    assert.match(result.reason, /The total is 42\./);
    assert.deepEqual(
      h.input.calls.map((c) => c.kind),
      ["click", "click", "scroll"],
    );
    const [first, triple, scroll] = h.input.calls as unknown as [
      { at: { x: number; y: number } },
      { at: { x: number; y: number }; count: number },
      { dy: number; dx: number },
    ];
    assert.ok(Math.abs(first.at.x - 200) <= 1 && Math.abs(first.at.y - 100) <= 1, `clicked at ${JSON.stringify(first.at)}`);
    assert.ok(Math.abs(triple.at.x - 640) <= 1 && Math.abs(triple.at.y - 400) <= 1 && triple.count === 3, JSON.stringify(triple));
    assert.deepEqual([scroll.dy, scroll.dx], [0, 3]);
    const last = model.requests.at(-1)!;
    assert.equal(last.maxTokens, 2048);
    assert.match(last.grammar!, /^root ::= thought\? summary\? call/);
    assert.match(last.messages![0]!.content, /The screen's resolution is 1000x1000\./);
    assert.deepEqual(
      last.messages!.map((m) => m.role),
      ["system", "user", "assistant", "user", "assistant", "user", "assistant", "user"],
    );
    assert.equal(last.messages!.filter((m) => m.content.includes(IMAGE_MARKER)).length, last.images!.length);
    assert.deepEqual(
      last.messages!.filter((m) => m.role === "assistant").map((m) => m.content),
      QWEN3.slice(0, 3),
      "the model's own answers, reasoning included, stay as it wrote them",
    );
  });

  test("qwen3-vl without a kept context: one task message whose progress lists the model's own Action lines", async () => {
    const model = new Scripted(QWEN3);
    const h = loopHarness([], { maxSteps: 6 }, { decider: new ModelDecider(model, { grammar: false, profile: getProfile("qwen3-vl") }) });
    assert.equal((await h.run()).status, "success");
    const third = model.requests[2]!;
    assert.equal(third.messages!.length, 2);
    assert.match(
      third.messages![1]!.content,
      /Task progress \(You have done the following operation on the current device\): Step 1: Click the name field\.; Step 2: Triple-click it\.; \.\n$/,
    );
  });

  test("mai-ui: its 0–999 answers in a run, a failed step told before the next screenshot", async () => {
    const think = (s: string) => `<thinking>\n${s}\n</thinking>\n`;
    const answers = [
      `${think("Press and hold the icon.")}${call("mobile_use", { action: "long_press", coordinate: [10, 10] })}`,
      `${think("Tap the name field.")}${call("mobile_use", { action: "click", coordinate: [156, 125] })}`,
      `${think("Done.")}${call("mobile_use", { action: "terminate", status: "success" })}`,
    ];
    const model = new Scripted(answers);
    const h = loopHarness([], { maxSteps: 4 }, { decider: new ModelDecider(model, { grammar: false, profile: getProfile("mai-ui") }) });
    assert.equal((await h.run()).status, "success");
    const click = h.input.calls.find((c) => c.kind === "click") as { at: { x: number; y: number } };
    // 156/999·1280 = 199.9, 125/999·800 = 100.1
    assert.ok(Math.abs(click.at.x - 199.9) <= 1 && Math.abs(click.at.y - 100.1) <= 1, JSON.stringify(click.at));
    assert.match(model.requests[1]!.messages!.at(-1)!.content, /^The previous action was not done: .*long_press is a phone action/);
  });
});
