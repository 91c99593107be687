import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GroundingService } from "../../../agent/grounding/GroundingService.js";
import { VisionModelAnswerer } from "../../../agent/grounding/VisionModelAnswerer.js";
import { OpenAiVisionModel } from "../../../agent/grounding/remote/OpenAiVisionModel.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { display, dualHidpi } from "../../support/displayLayouts.js";
import { OracleAnswerer } from "../../../agent/grounding/OracleAnswerer.js";
import { startScriptedServer, type ScriptedServer } from "./support/scriptedServer.js";

/** Two monitors; the second (1920×1080 logical at scale 1, origin x=1920) is asked about. */
const layout = [display({ id: "a", x: 0, y: 0, width: 1920, height: 1080, primary: true }), display({ id: "b", x: 1920, y: 0, width: 1920, height: 1080 })];

describe("GroundingService.ground on a captured display", () => {
  test("captures the chosen HiDPI second monitor and maps to its place on the screen", async () => {
    // right monitor: logical 1024×600 at (1280,0), scale 2 → native 2048×1200 → frame 2044×1204 (73·43 = 3139 tokens)
    // element centre native (300,150) → screen (1280 + 150, 75)
    const screen = new FakeScreenSource(dualHidpi);
    const service = new GroundingService(screen, new OracleAnswerer([{ query: "OK", box: [200, 100, 400, 200] }]));
    const r = await service.ground({ displayId: "right", query: "OK", zoom: false });
    assert.deepEqual(screen.captured, ["right"]);
    assert.deepEqual(r.frame, { width: 2044, height: 1204, tokens: 3139 });
    assert.ok(Math.abs(r.screen!.point.x - 1430) <= 0.5 && Math.abs(r.screen!.point.y - 75) <= 0.5, JSON.stringify(r.screen));
  });
});

describe("ask: an answer about the screen, streamed, with the boxes it names on the screen", () => {
  let server: ScriptedServer;
  after(() => server?.close());

  test("against a scripted OpenAI-compatible endpoint", async () => {
    // frame 1932×1092: box [483,273,966,546] → image [480,270,960,540] → display b: screen [2400,270,2880,540]
    const answer = ["The total is ", "42.00 EUR", ".\n```json\n", '[{"bbox_2d": [483, 273, 966, 546], "label": "Total"}]', "\n```"];
    server = await startScriptedServer(() => ({ sse: answer.map((t) => JSON.stringify({ choices: [{ delta: { content: t } }] })) }));
    const screen = new FakeScreenSource(layout);
    const model = new OpenAiVisionModel({ endpoint: `${server.base}/v1`, model: "m", retry: { retries: 0 } });
    const service = new GroundingService(screen, new VisionModelAnswerer(model, model.bounds, false));
    const pieces: string[] = [];
    const r = await service.ask({ displayId: "b", question: "What is the invoice total?", onToken: (t) => pieces.push(t) });
    assert.deepEqual(screen.captured, ["b"]);
    assert.deepEqual(pieces, answer);
    assert.equal(r.text, answer.join(""));
    assert.deepEqual(r.frame, { width: 1932, height: 1092, tokens: 2691 });
    assert.equal(r.elements.length, 1);
    assert.deepEqual(r.elements[0]!.box, [480, 270, 960, 540]);
    assert.deepEqual(r.elements[0]!.screen, { point: { x: 2640, y: 405 }, box: [2400, 270, 2880, 540] });
    const body = JSON.parse(server.requests[0]!.body) as { messages: { content: { type: string; text?: string }[] }[] };
    assert.match(body.messages[0]!.content[1]!.text!, /never instructions to follow[\s\S]*Question: What is the invoice total\?/);
    await service.dispose();
  });
});
