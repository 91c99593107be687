import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { ModelGrounder } from "../../../agent/grounding/ModelGrounder.js";
import { VisionModelAnswerer } from "../../../agent/grounding/VisionModelAnswerer.js";
import { OpenAiVisionModel } from "../../../agent/grounding/remote/OpenAiVisionModel.js";
import { chatCompletionsUrl } from "../../../agent/grounding/remote/chatCompletionsUrl.js";
import { RemoteModelError } from "../../../agent/grounding/errors/RemoteModelError.js";
import type { SourceImage } from "../../../agent/frames/SourceImage.js";
import { display } from "../../support/displayLayouts.js";
import { chatReply, hasImage, startScriptedServer, type RecordedRequest, type Reply, type ScriptedServer } from "./support/scriptedServer.js";

const hd = (): SourceImage => ({
  data: new Uint8Array(1920 * 1080 * 4).fill(200),
  width: 1920,
  height: 1080,
  channels: 4,
  display: display({ x: 0, y: 0, width: 960, height: 540, scaleFactor: 2 }),
});
const fast = { timeoutMs: 2000, retries: 1, backoffMs: 10 };
const servers: ScriptedServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function serve(script: (req: RecordedRequest, i: number) => Reply): Promise<ScriptedServer> {
  const s = await startScriptedServer(script);
  servers.push(s);
  return s;
}

function grounder(endpoint: string, extra: { apiKey?: string; retry?: object } = {}): ModelGrounder {
  const model = new OpenAiVisionModel({ endpoint, model: "qwen2.5-vl-7b", retry: fast, ...extra });
  return new ModelGrounder(new VisionModelAnswerer(model, model.bounds, false));
}

describe("remote grounder over an OpenAI-compatible endpoint (scripted loopback server)", () => {
  test("base URLs with and without /v1, trailing slashes, or the full endpoint", () => {
    assert.equal(chatCompletionsUrl("http://h:8080"), "http://h:8080/v1/chat/completions");
    assert.equal(chatCompletionsUrl("http://h:8080/"), "http://h:8080/v1/chat/completions");
    assert.equal(chatCompletionsUrl("http://h:8080/v1"), "http://h:8080/v1/chat/completions");
    assert.equal(chatCompletionsUrl("https://h/openai/v1/"), "https://h/openai/v1/chat/completions");
    assert.equal(chatCompletionsUrl("http://h/v1/chat/completions"), "http://h/v1/chat/completions");
    assert.throws(() => chatCompletionsUrl("localhost:8080"), { code: "BAD_USAGE" });
  });

  test("sends the exact prepared frame as PNG with the key, and maps the fenced answer to the screen", async () => {
    // 1920×1080 → frame 1932×1092; box [483,273,966,546] → image [480,270,960,540] → screen @2 [240,135,480,270]
    // Like a real server: the image costs its 2691 tokens, the text alone (the resize check asks) 59.
    const s = await serve((q) => chatReply('Here it is:\n```json\n[{"bbox_2d": [483, 273, 966, 546], "label": "Save"}]\n```', hasImage(q) ? 2750 : 59));
    for (const base of [s.base, `${s.base}/v1`]) {
      const r = await grounder(base, { apiKey: "sekret" }).ground(hd(), "Save", { mode: "box" });
      assert.deepEqual(r.box, [480, 270, 960, 540]);
      assert.deepEqual(r.screen, { point: { x: 360, y: 202.5 }, box: [240, 135, 480, 270] });
      assert.equal(r.label, "Save");
    }
    assert.deepEqual(
      s.requests.map((q) => q.url),
      Array(4).fill("/v1/chat/completions"),
    );
    assert.deepEqual(s.requests.map(hasImage), [true, false, true, false], "each model counts the prompt's text once");
    const req = s.requests[0]!;
    assert.equal(req.headers.authorization, "Bearer sekret");
    const body = JSON.parse(req.body) as {
      model: string;
      temperature: number;
      messages: { role: string; content: { type: string; image_url?: { url: string }; text?: string }[] }[];
    };
    assert.equal(body.model, "qwen2.5-vl-7b");
    assert.equal(body.temperature, 0);
    const [img, text] = body.messages.at(-1)!.content;
    assert.match(text!.text!, /bbox_2d/);
    const png = Buffer.from(img!.image_url!.url.replace(/^data:image\/png;base64,/, ""), "base64");
    const meta = await sharp(png).metadata();
    assert.deepEqual([meta.width, meta.height, meta.channels], [1932, 1092, 3]);
  });

  test("--remote-grammar sends the grounding GBNF (llama-server); by default none is sent", async () => {
    const s = await serve(() => chatReply('{"point_2d": [966, 546], "label": "Save"}'));
    const withGrammar = new OpenAiVisionModel({ endpoint: s.base, model: "m", retry: fast, sendGrammar: true });
    await new ModelGrounder(new VisionModelAnswerer(withGrammar, withGrammar.bounds, true)).ground(hd(), "Save");
    await grounder(s.base).ground(hd(), "Save");
    const [a, b] = s.requests.map((q) => JSON.parse(q.body) as { grammar?: string });
    assert.match(a!.grammar!, /^place ::= .*point_2d/m);
    assert.match(a!.grammar!, /^int ::= /m, "numbers bounded in code, not digit by digit");
    assert.equal(b!.grammar, undefined);
  });

  test("a refused connection is retried, then a clear error", async () => {
    const s = await serve(() => chatReply("x"));
    const base = s.base;
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    await assert.rejects(
      grounder(base).ground(hd(), "Save"),
      (e: unknown) => e instanceof RemoteModelError && e.code === "REMOTE_UNREACHABLE" && /ECONNREFUSED/.test(e.message) && /2 tries/.test(e.message),
    );
  });

  test("404 from a server whose API lives elsewhere says how to give the base URL", async () => {
    const s = await serve((q) => (q.url === "/v1/chat/completions" ? chatReply("x") : { status: 404, body: '{"error":{"message":"File Not Found"}}' }));
    await assert.rejects(
      grounder(`${s.base}/api`).ground(hd(), "Save"),
      (e: unknown) => e instanceof RemoteModelError && e.status === 404 && /with or without \/v1/.test(e.message) && /File Not Found/.test(e.message),
    );
    assert.equal(s.requests.length, 1, "a 404 is not retried");
  });

  test("401 asks for --api-key and is not retried", async () => {
    const s = await serve(() => ({ status: 401, body: '{"error":{"message":"Invalid API Key"}}' }));
    await assert.rejects(
      grounder(s.base).ground(hd(), "Save"),
      (e: unknown) => e instanceof RemoteModelError && e.status === 401 && /--api-key/.test(e.message),
    );
    assert.equal(s.requests.length, 1);
  });

  test("a 500 is retried with backoff and the next answer is used; a lasting 503 fails after every try", async () => {
    const flaky = await serve((_q, i) => (i === 0 ? { status: 500, body: "boom" } : chatReply('{"point_2d": [966, 546]}')));
    const r = await grounder(flaky.base).ground(hd(), "Save");
    assert.deepEqual(r.point, { x: 960, y: 540 });
    assert.equal(flaky.requests.length, 2);
    const down = await serve(() => ({ status: 503, body: '{"error":"Loading model"}' }));
    await assert.rejects(
      grounder(down.base).ground(hd(), "Save"),
      (e: unknown) => e instanceof RemoteModelError && e.status === 503 && /Loading model/.test(e.message) && /after 2 tries/.test(e.message),
    );
    assert.equal(down.requests.length, 2);
  });

  test("a server that never answers times out", async () => {
    const s = await serve(() => "hang");
    const started = performance.now();
    await assert.rejects(grounder(s.base, { retry: { ...fast, timeoutMs: 300 } }).ground(hd(), "Save"), { code: "REMOTE_TIMEOUT" });
    assert.ok(performance.now() - started < 1500);
  });

  test("malformed JSON and a body without choices are bad responses", async () => {
    const html = await serve(() => ({ status: 200, body: "<html>proxy login</html>", contentType: "text/html" }));
    await assert.rejects(
      grounder(html.base).ground(hd(), "Save"),
      (e: unknown) => e instanceof RemoteModelError && e.code === "REMOTE_BAD_RESPONSE" && /proxy login/.test(e.message),
    );
    const empty = await serve(() => ({ status: 200, body: '{"object":"list"}' }));
    await assert.rejects(grounder(empty.base).ground(hd(), "Save"), { code: "REMOTE_BAD_RESPONSE" });
  });

  test("a server that resized the image itself (too few prompt tokens) is an error, not a skew", async () => {
    const s = await serve(() => chatReply('{"point_2d": [10, 10]}', 700));
    await assert.rejects(
      grounder(s.base).ground(hd(), "Save"),
      (e: unknown) => e instanceof RemoteModelError && e.code === "REMOTE_IMAGE_RESIZED" && /2691/.test(e.message),
    );
  });

  test("an answer outside the frame keeps the raw text and hints at servers that resize", async () => {
    const s = await serve(() => chatReply('{"point_2d": [2500, 1500]}'));
    await assert.rejects(
      grounder(s.base).ground(hd(), "Save"),
      (e: unknown) => (e as { code?: string }).code === "GROUNDING_OUT_OF_FRAME" && (e as { raw?: string }).raw === '{"point_2d": [2500, 1500]}',
    );
  });

  test("streams tokens when asked (server-sent events)", async () => {
    const s = await serve(() => ({ sse: ["Total", ": 42", " EUR"].map((t) => JSON.stringify({ choices: [{ delta: { content: t } }] })) }));
    const model = new OpenAiVisionModel({ endpoint: s.base, model: "m", retry: fast });
    const pieces: string[] = [];
    const r = await model.generate({ messages: [{ role: "user", content: "total?" }], onToken: (t) => pieces.push(t) });
    assert.equal(r.text, "Total: 42 EUR");
    assert.deepEqual(pieces, ["Total", ": 42", " EUR"]);
    assert.equal(JSON.parse(s.requests[0]!.body).stream, true);
  });
});
