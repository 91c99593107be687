import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { StepConversation } from "../../../agent/loop/StepConversation.js";
import type { DecideRequest } from "../../../agent/loop/Decider.js";
import type { PreparedFrame } from "../../../agent/frames/PreparedFrame.js";
import { qwenProfile } from "../../../agent/profiles/qwenProfile.js";

const FRAME = { width: 1932, height: 1092 };

describe("the qwen2.5-vl profile", () => {
  test("frame pixels: the prompt declares the frame; the grammar bounds no number digit by digit (issue 12, defect 3)", () => {
    const [system] = qwenProfile.computerUse.messages({ task: "t", frame: FRAME, coordinates: "frame-pixels", history: [], omitted: 0 });
    assert.match(system!.content, /The screen's resolution is 1932x1092\./);
    const grammar = qwenProfile.computerUse.grammar(FRAME, "frame-pixels")!;
    assert.doesNotMatch(grammar, /"1931"|"1091"/);
    assert.equal(grammar, qwenProfile.computerUse.grammar({ width: 448, height: 448 }, "frame-pixels"), "the frame is checked in code, not by the grammar");
  });

  test("relative-1000 (Qwen2-VL, Qwen3-VL): prompt, grammar and the kept-context conversation declare a 1000×1000 screen", () => {
    const [system] = qwenProfile.computerUse.messages({ task: "t", frame: FRAME, coordinates: "relative-1000", history: [], omitted: 0 });
    assert.match(system!.content, /The screen's resolution is 1000x1000\./);
    const screenshot = { frame: { ...FRAME, tokens: 2691 }, rgb: { data: new Uint8Array(3), width: 1, height: 1 } } as unknown as PreparedFrame;
    const request = { task: "t", screenshot, pastScreenshots: [], history: [], omitted: 0, signal: new AbortController().signal } as DecideRequest;
    const { messages } = new StepConversation("t", { contextSize: 16_384, maxTokens: 320, coordinates: "relative-1000" }).next(request);
    assert.match(messages[0]!.content, /The screen's resolution is 1000x1000\./);
  });
});
