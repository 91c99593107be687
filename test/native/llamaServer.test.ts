import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cliGroundedOrRefused, groundedOrRefused } from "../support/randomModelGrounding.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { ModelGrounder } from "../../agent/grounding/ModelGrounder.js";
import { VisionModelAnswerer } from "../../agent/grounding/VisionModelAnswerer.js";
import { askAboutImage } from "../../agent/grounding/askAboutImage.js";
import { OpenAiVisionModel } from "../../agent/grounding/remote/OpenAiVisionModel.js";
import { RemoteModelError } from "../../agent/grounding/errors/RemoteModelError.js";
import { computerUseMessages } from "../../agent/profiles/qwen25vl/computerUsePrompt.js";
import type { SourceImage } from "../../agent/frames/SourceImage.js";
import { deskpilot } from "../support/cli.js";
import { display } from "../support/displayLayouts.js";
import { skipUnlessAvailable } from "../support/prerequisites.js";
import { syntheticScreen, tinyModel } from "./support/tinyModel.js";
import { ensureLlamaServer, startLlamaServer, type RunningServer } from "./support/llamaServer.js";
import { prepareFrame } from "../../agent/frames/prepareFrame.js";

const server = ensureLlamaServer((line) => process.stderr.write(`[llama-server] ${line}\n`));
const skip = skipUnlessAvailable("missing" in server ? server.missing : undefined);
const KEY = "sekret-test-key";

function screen(w: number, h: number, withDisplay = true): SourceImage {
  const d = display({ x: -1920, y: 0, width: w, height: h });
  return { data: syntheticScreen(w, h), width: w, height: h, channels: 3, ...(withDisplay ? { display: d } : {}) };
}

/** The remote grounder against llama.cpp's real llama-server serving the tiny model (random but grammar-bound answers). */
describe("remote grounding against a real llama-server (tiny model)", { skip }, () => {
  let srv: RunningServer;
  let tmp: string;
  const serverArgs = (maxTokens: number) => {
    const { model, mmproj } = tinyModel();
    return [
      "-m",
      model,
      "--mmproj",
      mmproj,
      "-a",
      "tiny",
      "-c",
      "8192",
      "-ngl",
      "0",
      "-t",
      "2",
      "--image-min-tokens",
      "1024",
      "--image-max-tokens",
      String(maxTokens),
      "--no-warmup",
    ];
  };
  const remote = (base: string, extra: { apiKey?: string; sendGrammar?: boolean } = {}) => {
    const m = new OpenAiVisionModel({ endpoint: base, model: "tiny", retry: { retries: 0, timeoutMs: 120_000 }, ...extra });
    return new ModelGrounder(new VisionModelAnswerer(m, m.bounds, extra.sendGrammar ?? false));
  };

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-llama-server-"));
    srv = await startLlamaServer((server as { path: string }).path, [...serverArgs(4096), "--api-key", KEY]);
  });
  after(async () => {
    await srv?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("grammar-bound answer for a 1920×1080 screen on a monitor left of the primary: frame, parse, screen mapping", async () => {
    const r = await groundedOrRefused(remote(srv.base, { apiKey: KEY, sendGrammar: true }).ground(screen(1920, 1080), "the blue button"), {
      width: 1932,
      height: 1092,
    });
    if (!r) return;
    assert.match(r.raw, /"point_2d": ?\[\d+, ?\d+\]/);
    assert.deepEqual(r.frame, { width: 1932, height: 1092, tokens: 2691 });
    const s = r.screen!.point;
    assert.ok(s.x >= -1920 && s.x <= 0 && s.y >= 0 && s.y <= 1080, JSON.stringify(s));
  });

  test("deskpilot ground --endpoint …/v1 --remote-grammar --json (2560×1440 at the token cap)", async () => {
    const file = join(tmp, "qhd.png");
    await sharp(Buffer.from(syntheticScreen(2560, 1440)), { raw: { width: 2560, height: 1440, channels: 3 } })
      .png()
      .toFile(file);
    const r = await deskpilot([
      "ground",
      file,
      "the blue button",
      "--endpoint",
      `${srv.base}/v1`,
      "--remote-model",
      "tiny",
      "--api-key",
      KEY,
      "--remote-grammar",
      "--mode",
      "box",
      "--json",
    ]);
    const doc = cliGroundedOrRefused<{ frame: object; box: number[] }>(r, { width: 2380, height: 1344 });
    if (!doc) return;
    assert.deepEqual(doc.frame, { width: 2380, height: 1344, tokens: 4080 });
    assert.equal(doc.box.length, 4);
  });

  test("parity: our engine and llama-server give the same greedy answer on the same prepared frame and grammar", async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    const local = new ModelGrounder(
      new VisionModelAnswerer(await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 8192, warmup: false })),
    );
    try {
      for (const mode of ["point", "box"] as const) {
        const image = screen(1366, 768);
        // the same answer, whether it is mapped or refused as out of frame (random weights)
        const outcome = (work: ReturnType<ModelGrounder["ground"]>) =>
          work.then(
            (r) => ({ raw: r.raw, screen: r.screen }),
            (e: { raw?: string; code?: string }) => ({ raw: e.raw, error: e.code }),
          );
        const a = await outcome(local.ground(image, "the blue button", { mode }));
        const b = await outcome(remote(srv.base, { apiKey: KEY, sendGrammar: true }).ground(image, "the blue button", { mode }));
        assert.ok(a.raw, mode);
        assert.deepEqual(b, a, mode);
      }
    } finally {
      await local.dispose();
    }
  });

  test("ask streams the server's answer (server-sent events)", async () => {
    const m = new OpenAiVisionModel({ endpoint: srv.base, model: "tiny", apiKey: KEY, retry: { retries: 0 } });
    const pieces: string[] = [];
    const r = await askAboutImage(new VisionModelAnswerer(m, m.bounds, false), screen(1280, 800, false), "What is shown?", {
      maxTokens: 8,
      onToken: (t) => pieces.push(t),
    });
    assert.ok(pieces.length >= 2, `streamed ${pieces.length} pieces`);
    assert.equal(pieces.join(""), r.text);
  });

  test("401 without the key, 404 under a wrong path prefix: clear messages", async () => {
    await assert.rejects(
      remote(srv.base).ground(screen(1280, 800), "x"),
      (e: unknown) => e instanceof RemoteModelError && e.status === 401 && /--api-key/.test(e.message),
    );
    await assert.rejects(
      remote(`${srv.base}/api`, { apiKey: KEY }).ground(screen(1280, 800), "x"),
      (e: unknown) => e instanceof RemoteModelError && e.status === 404 && /with or without \/v1/.test(e.message),
    );
  });

  test("a server that shrinks images only a little (--image-max-tokens 2600) is caught though the whole prompt outnumbers the frame's tokens", async () => {
    // 1920×1080 → a 2691-token frame; the server makes it ≤ 2600 tokens, and a computer-use prompt's
    // ~900 text tokens bring the whole prompt above 2691: only the text's own count shows the resize.
    const shrinking = await startLlamaServer((server as { path: string }).path, serverArgs(2600));
    try {
      const model = new OpenAiVisionModel({ endpoint: shrinking.base, model: "tiny", retry: { retries: 0, timeoutMs: 120_000 } });
      const image = await prepareFrame(
        { data: new Uint8Array(1920 * 1080 * 3).fill(90), width: 1920, height: 1080, channels: 3 },
        { minImageTokens: 1024, maxImageTokens: 4096 },
      );
      const messages = computerUseMessages("Open the settings", { width: 1932, height: 1092 }, []);
      await assert.rejects(
        model.generate({ image, messages, maxTokens: 4 }),
        (e: unknown) => e instanceof RemoteModelError && e.code === "REMOTE_IMAGE_RESIZED" && /less \d+ for the text alone/.test(e.message),
      );
      // And a server that keeps it whole passes the same check.
      await model.dispose();
      const whole = new OpenAiVisionModel({ endpoint: srv.base, model: "tiny", apiKey: KEY, retry: { retries: 0, timeoutMs: 120_000 } });
      const r = await whole.generate({ image, messages, maxTokens: 4 });
      assert.deepEqual(r.frame, { width: 1932, height: 1092 });
    } finally {
      await shrinking.stop();
    }
  });

  test("a server that shrinks images (--image-max-tokens 1024) is caught by its prompt-token count", async () => {
    const small = await startLlamaServer((server as { path: string }).path, serverArgs(1024));
    try {
      await assert.rejects(
        remote(small.base, { sendGrammar: true }).ground(screen(1920, 1080), "x"),
        (e: unknown) => e instanceof RemoteModelError && e.code === "REMOTE_IMAGE_RESIZED",
      );
    } finally {
      await small.stop();
    }
  });
});
