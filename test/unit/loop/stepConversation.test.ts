import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ModelDecider } from "../../../agent/loop/ModelDecider.js";
import { StepConversation } from "../../../agent/loop/StepConversation.js";
import type { DecideRequest } from "../../../agent/loop/Decider.js";
import type { HistoryEntry } from "../../../agent/profiles/HistoryEntry.js";
import type { PreparedFrame } from "../../../agent/frames/PreparedFrame.js";
import { EngineError } from "../../../agent/vision/errors/EngineError.js";
import { IMAGE_MARKER, type ChatMessage, type GenerateRequest, type GenerateResult, type VisionModel } from "../../../agent/vision/VisionModel.js";
import { openVisionModel } from "../../../agent/service/createGrounder.js";
import { DEFAULT_TOKEN_BOUNDS } from "../../../agent/frames/TokenBounds.js";
import { generateQwen25Vl } from "../../../agent/gguf/generateQwen25Vl.js";
import { smartResize } from "../../../agent/geometry/smartResize.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mtmdLikeHost, type Seen } from "../vision/support/mtmdLikeHost.js";
import { call } from "./support/ScriptedDecider.js";
import { loopHarness } from "./support/loopHarness.js";

/** A local-engine stand-in: keeps a context of `contextSize` tokens, answers scripted clicks, counts tokens roughly. */
class ContextModel implements VisionModel {
  readonly requests: GenerateRequest[] = [];
  refuseNext = false;
  constructor(
    readonly contextSize: number,
    private readonly answer: (n: number) => string,
  ) {}
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(request);
    if (this.refuseNext) {
      this.refuseNext = false;
      throw new EngineError(
        "CONTEXT_TOO_SMALL",
        "prompt (9000 tokens) + maxTokens (320) exceed the context size 8192; raise contextSize or lower maxImageTokens",
      );
    }
    const last = request.images!.at(-1)!;
    const text = this.answer(this.requests.length);
    const promptTokens = request.messages!.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0) + request.images!.length * 240;
    return {
      text,
      stopReason: "eog",
      promptTokens,
      imageTokens: 240,
      generatedTokens: 20,
      contextTokens: promptTokens,
      reusedTokens: 0,
      frame: { width: last.rgb.width, height: last.rgb.height },
      timings: { prepareMs: 1, encodeMs: 2, prefillMs: 3, decodeMs: 4, totalMs: 10 },
    };
  }
  async dispose(): Promise<void> {}
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

const strip = (messages: readonly ChatMessage[]) => messages.map((m) => ({ role: m.role, content: m.content.replaceAll(IMAGE_MARKER, "") }));
const markers = (messages: readonly ChatMessage[]) => messages.reduce((n, m) => n + m.content.split(IMAGE_MARKER).length - 1, 0);
const click = (n: number) => call({ action: "left_click", coordinate: [10 + n * 7, 20 + n * 5] });

describe("ModelDecider with an engine that keeps its context", () => {
  test("the run is one growing chat: each request extends the last, shows the last few screenshots, and keeps the context", async () => {
    const model = new ContextModel(16_384, click);
    const decider = new ModelDecider(model, { grammar: true });
    const h = loopHarness([], { maxSteps: 6, historyScreenshots: 2 }, { decider });
    const result = await h.run();
    assert.equal(result.status, "budget");
    assert.equal(model.requests.length, 6);
    model.requests.forEach((r, i) => {
      assert.equal(r.keepContext, true);
      assert.equal(r.image, undefined);
      assert.equal(r.images!.length, Math.min(i + 1, 3), `step ${i + 1} shows the current and up to two past screenshots`);
      assert.equal(markers(r.messages!), r.images!.length, "one marker per image");
      // The marker starts its line, so leaving it out leaves the text around it unchanged.
      for (const m of r.messages!) for (const at of m.content.split(IMAGE_MARKER).slice(0, -1)) assert.ok(at === "" || at.endsWith("\n"));
    });
    for (let i = 1; i < model.requests.length; i++) {
      const before = strip(model.requests[i - 1]!.messages!);
      const now = strip(model.requests[i]!.messages!);
      assert.deepEqual(now.slice(0, before.length), before, `step ${i + 1} extends step ${i}'s chat`);
      assert.deepEqual(now[before.length], { role: "assistant", content: click(i) }, "with the model's own answer");
      // Qwen-Agent's layout: the result as a <tool_response> user turn, then the new screenshot's turn.
      assert.deepEqual(now.at(-2), { role: "user", content: "<tool_response>\ndone; the screen changed\n</tool_response>" });
      assert.match(now.at(-1)!.content, new RegExp(`^Step ${i + 1}: The screenshot shows the screen now\\. Give the next action\\.$`));
    }
    // The screenshots are the steps' own: the last request's images are steps 4, 5 and 6.
    const shots = model.requests.map((r) => r.images!.at(-1));
    assert.deepEqual(model.requests[5]!.images, shots.slice(3, 6));
  });

  test("a context the engine refuses starts the chat over from a text summary of every step, and the run goes on", async () => {
    const model = new ContextModel(16_384, click);
    const decider = new ModelDecider(model, { grammar: true });
    const h = loopHarness([], { maxSteps: 5 }, { decider });
    let calls = 0;
    const generate = model.generate.bind(model);
    model.generate = async (r) => {
      if (++calls === 4) model.refuseNext = true;
      return generate(r);
    };
    assert.equal((await h.run()).status, "budget");
    const retried = model.requests[4]!;
    assert.deepEqual(
      retried.messages!.map((m) => m.role),
      ["system", "user"],
    );
    assert.match(
      retried.messages![1]!.content,
      /Step 1: \{"name": "computer_use", "arguments": \{"action": "left_click".*-> done; the screen changed\nStep 2: .*\nStep 3: /s,
    );
    assert.equal(retried.images!.length, 1);
    assert.equal(h.steps().filter((s) => s.outcome === "done").length, 5);
  });

  test("keepContext: false (the benchmark's reference) sends the same growing chat, read whole each step", async () => {
    const model = new ContextModel(16_384, click);
    await loopHarness([], { maxSteps: 3 }, { decider: new ModelDecider(model, { grammar: true, keepContext: false }) }).run();
    assert.deepEqual(
      model.requests.map((r) => [r.keepContext, r.images!.length]),
      [
        [undefined, 1],
        [undefined, 2],
        [undefined, 3],
      ],
    );
  });

  test("a model without a kept context (a remote endpoint) gets one screenshot and the text history each step", async () => {
    const model = new ContextModel(0, click);
    Object.defineProperty(model, "contextSize", { value: undefined });
    const decider = new ModelDecider(model, { grammar: false });
    await loopHarness([], { maxSteps: 3 }, { decider }).run();
    model.requests.forEach((r, i) => {
      assert.equal(r.keepContext, undefined);
      assert.ok(r.image);
      // Each past step as Qwen-Agent lays it out: the call, then its <tool_response>; the ask last.
      assert.deepEqual(
        r.messages!.map((m) => m.role),
        ["system", "user", ...Array<string>(i).fill("assistant,user").join(",").split(",").filter(Boolean), ...(i ? ["user"] : [])],
      );
    });
  });
});

describe("the kept window on a real screen size", () => {
  test("a 1080p run at the automatic context keeps its three screenshots in view for 12 steps without starting over", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-window-"));
    const files = generateQwen25Vl({ outDir: dir, preset: "tiny", type: "f16" });
    const seen: Seen = { images: [], requests: [] };
    // The engine as a run loads it from default settings: contextSize "auto", the default image-token bounds.
    const model = await openVisionModel(
      { kind: "local", modelPath: files.model, mmprojPath: files.mmproj, gpuLayers: 0, contextSize: "auto" },
      DEFAULT_TOKEN_BOUNDS,
      undefined,
      () => undefined,
      mtmdLikeHost(seen, click(1)),
    );
    try {
      const f = smartResize(1920, 1080, DEFAULT_TOKEN_BOUNDS.minImageTokens, DEFAULT_TOKEN_BOUNDS.maxImageTokens);
      assert.equal(f.tokens, 2691);
      const data = new Uint8Array(f.width * f.height * 3);
      const shot: PreparedFrame = { rgb: { data, width: f.width, height: f.height }, frame: f, region: { x: 0, y: 0, width: 1920, height: 1080 }, ms: 0 };
      const decider = new ModelDecider(model, { grammar: false });
      const history: HistoryEntry[] = [];
      for (let step = 1; step <= 12; step++) {
        const pastScreenshots = Array.from({ length: Math.min(2, step - 1) }, () => shot);
        await decider.decide({
          task: "open the settings and turn on dark mode",
          screenshot: shot,
          pastScreenshots,
          history: [...history],
          omitted: 0,
          signal: new AbortController().signal,
        });
        history.push({ step, action: click(step), observation: "done; the screen changed", failed: false });
      }
      const requests = seen.requests;
      assert.equal(requests.length, 12, "no request was refused and retried");
      requests.forEach((r, i) => {
        assert.equal(r.images!.length, Math.min(i + 1, 3), `step ${i + 1} shows the current and up to two past screenshots`);
        // System + first ask, then per later step the answer, its <tool_response> and the new screenshot's turn.
        assert.equal(r.messages!.length, 3 * (i + 1) - 1, `step ${i + 1} extends the chat (a restart would send only the system prompt and a summary)`);
      });
    } finally {
      await model.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("StepConversation", () => {
  const frame = (width: number, tokens: number): PreparedFrame => ({
    rgb: { data: new Uint8Array(width * 28 * 3), width, height: 28 },
    frame: { width, height: 28, tokens },
    region: { x: 0, y: 0, width, height: 28 },
    ms: 0,
  });
  const request = (step: number, screenshot: PreparedFrame, past = 2): DecideRequest => {
    const history: HistoryEntry[] = Array.from({ length: step - 1 }, (_, i) => ({ step: i + 1, action: `a${i + 1}`, observation: "ok", failed: false }));
    return {
      task: "t",
      screenshot,
      pastScreenshots: Array.from({ length: Math.min(past, step - 1) }, () => screenshot),
      history,
      omitted: 0,
      signal: new AbortController().signal,
    };
  };
  const answered = { promptTokens: 100, contextTokens: 100, generatedTokens: 10 };

  test("shows only as many screenshots as the context holds", () => {
    // 1000-token screenshots in a 2500-token context: room for one only (answer and text need the rest).
    const c = new StepConversation("t", { contextSize: 2500, maxTokens: 300 });
    c.next(request(1, frame(56, 1000)));
    c.answered("x", answered);
    const second = c.next(request(2, frame(56, 1000)));
    assert.equal(second.images.length, 1);
    assert.equal(markers(second.messages), 1);
  });

  test("keeps no more screenshots in memory than it shows", () => {
    const c = new StepConversation("t", { contextSize: 100_000, maxTokens: 300 });
    for (let s = 1; s <= 8; s++) {
      const { images } = c.next(request(s, frame(56, 10)));
      c.answered("x", answered);
      assert.equal(c.heldScreenshots, images.length);
    }
    assert.equal(c.heldScreenshots, 3);
  });

  test("a new model frame (the display changed) starts over: the system prompt declares the new resolution", () => {
    const c = new StepConversation("t", { contextSize: 100_000, maxTokens: 300 });
    c.next(request(1, frame(56, 10)));
    c.answered("x", answered);
    const next = c.next(request(2, frame(84, 10)));
    assert.equal(c.restartCount, 1);
    assert.match(next.messages[0]!.content, /The screen's resolution is 84x28/);
    assert.match(next.messages[1]!.content, /Step 1: a1 -> ok/);
  });

  test("the screenshot that leaves the window frees its tokens for the new one, so a full window does not start over", () => {
    // 1000-token screenshots, a window of three, 6600 tokens held after step 3 (a long text history):
    // step 4 adds 1000 image tokens but cuts step 1's 1000, so 6610 − 1000 + 160 + 1000 + 300 fits in 8000.
    const c = new StepConversation("t", { contextSize: 8000, maxTokens: 300 });
    for (let s = 1; s <= 3; s++) {
      c.next(request(s, frame(56, 1000)));
      c.answered("x", s === 3 ? { promptTokens: 6600, contextTokens: 6600, generatedTokens: 10 } : answered);
    }
    const fourth = c.next(request(4, frame(56, 1000)));
    assert.equal(c.restartCount, 0);
    assert.equal(fourth.images.length, 3);
    // When the cut image is not room enough, it still starts over: 7710 − 1000 + 1460 > 8000.
    c.answered("x", { promptTokens: 7700, contextTokens: 7700, generatedTokens: 10 });
    const fifth = c.next(request(5, frame(56, 1000)));
    assert.equal(c.restartCount, 1);
    assert.equal(fifth.images.length, 1);
  });

  test("starts over before the context would overflow, and after maxTurns", () => {
    const c = new StepConversation("t", { contextSize: 1900, maxTokens: 300, maxTurns: 50 });
    c.next(request(1, frame(56, 10)));
    c.answered("x", { promptTokens: 1500, contextTokens: 1500, generatedTokens: 10 });
    c.next(request(2, frame(56, 10)));
    assert.equal(c.restartCount, 1, "1510 held + a turn + the answer do not fit in 1900");
    const d = new StepConversation("t", { contextSize: 100_000, maxTokens: 300, maxTurns: 3 });
    for (let s = 1; s <= 4; s++) {
      d.next(request(s, frame(56, 10)));
      d.answered("x", answered);
    }
    assert.equal(d.restartCount, 1);
  });
});
