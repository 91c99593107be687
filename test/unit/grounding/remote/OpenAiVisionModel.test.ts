import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { OpenAiVisionModel } from "../../../../agent/grounding/remote/OpenAiVisionModel.js";
import { RemoteModelError } from "../../../../agent/grounding/errors/RemoteModelError.js";
import { computerUseMessages } from "../../../../agent/profiles/qwen25vl/computerUsePrompt.js";
import { smartResize } from "../../../../agent/geometry/smartResize.js";
import { prepareFrame } from "../../../../agent/frames/prepareFrame.js";
import type { RgbImage } from "../../../../agent/frames/RgbImage.js";
import { chatReply, hasImage, startScriptedServer, type RecordedRequest, type ScriptedServer } from "../support/scriptedServer.js";

const fast = { timeoutMs: 2000, retries: 0, backoffMs: 10 };
const servers: ScriptedServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

const rgb = (width: number, height: number): RgbImage => ({ data: new Uint8Array(width * height * 3).fill(128), width, height });
const framed = (width: number, height: number) => prepareFrame({ ...rgb(width, height), channels: 3 }, { minImageTokens: 1024, maxImageTokens: 4096 });
/** A computer-use prompt: about 900 text tokens, which hid a resize from the old whole-prompt check. */
const messages = computerUseMessages("Open the settings and turn on dark mode", { width: 1932, height: 1092 }, []);
const TEXT_TOKENS = 912;

/**
 * A scripted llama-server: it counts the prompt's text as TEXT_TOKENS and the image as the tokens of
 * the frame it encodes, which is the frame it was sent, or, for a server that resizes, that frame
 * shrunk to `serverMax` tokens (+2 for the vision start and end markers, as a real one counts them).
 */
async function server(serverMax = Infinity): Promise<ScriptedServer> {
  const s = await startScriptedServer((q: RecordedRequest) => {
    if (!hasImage(q)) return chatReply("", TEXT_TOKENS);
    const frame = smartResize(1920, 1080, 4, 4096);
    const image = Math.min(frame.tokens, serverMax);
    return chatReply("Thought: …\nAction: click(start_box='(10,10)')", TEXT_TOKENS + image + 2);
  });
  servers.push(s);
  return s;
}

describe("OpenAiVisionModel's check that the server kept the image whole (scripted loopback server)", () => {
  test("a server that shrank a 2691-token frame to 2000 tokens is caught, though the whole prompt (2914) exceeds the frame's tokens", async () => {
    const s = await server(2000);
    const model = new OpenAiVisionModel({ endpoint: s.base, model: "m", retry: fast });
    await assert.rejects(
      model.generate({ image: await framed(1920, 1080), messages }),
      (e: unknown) =>
        e instanceof RemoteModelError &&
        e.code === "REMOTE_IMAGE_RESIZED" &&
        /2002 image tokens \(2914 prompt tokens less 912 for the text alone\)/.test(e.message) &&
        /1932x1092 frame is 2691 tokens/.test(e.message),
    );
    const textOnly = s.requests.filter((q) => !hasImage(q));
    assert.equal(textOnly.length, 1, "the text was counted with one request without the image");
    const body = JSON.parse(textOnly[0]!.body) as { max_tokens: number; messages: { content: unknown }[] };
    assert.equal(body.max_tokens, 1);
    assert.equal(typeof body.messages.at(-1)!.content, "string", "the same messages, the image left out");
  });

  test("a server that kept the frame whole passes; the text is counted once per prompt, and a frame size seen whole is not checked again", async () => {
    const s = await server();
    const model = new OpenAiVisionModel({ endpoint: s.base, model: "m", retry: fast });
    const first = await model.generate({ image: await framed(1920, 1080), messages });
    assert.deepEqual(first.frame, { width: 1932, height: 1092 });
    await model.generate({ image: await framed(1920, 1080), messages });
    await model.generate({ image: await framed(1920, 1080), messages: [...messages.slice(0, 1), { role: "user", content: "another prompt" }] });
    assert.deepEqual(s.requests.map(hasImage), [true, false, true, true], "one text count for the first frame; later frames of a size kept whole need none");
  });

  test("a server that reports fewer prompt tokens than the frame has is caught without counting the text", async () => {
    const s = await server(1000);
    const model = new OpenAiVisionModel({ endpoint: s.base, model: "m", retry: fast });
    await assert.rejects(model.generate({ image: await framed(1920, 1080), messages: [{ role: "user", content: "hi" }] }), { code: "REMOTE_IMAGE_RESIZED" });
    // 912 + 1000 + 2 < 2691: the whole prompt already shows it.
    assert.deepEqual(s.requests.map(hasImage), [true]);
  });
});
