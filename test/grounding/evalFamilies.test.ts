import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { deskpilotJson } from "../support/cli.js";
import { chatReply, hasImage, startScriptedServer, type ScriptedServer } from "../unit/grounding/support/scriptedServer.js";

type Box = [number, number, number, number];
interface Report { overall: { total: number; hits: number; accuracy: number }; unanswered: number; profile?: string; coordinates?: string }

/** The width and height in a PNG's IHDR chunk (bytes 16–23), read from the request's data URL. */
function pngSize(body: string): { width: number; height: number } {
  const b64 = /data:image\/png;base64,([A-Za-z0-9+/=]+)/.exec(body)![1]!;
  const png = Buffer.from(b64, "base64");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * `deskpilot eval` against a scripted endpoint that answers as Qwen3-VL does: the target's centre
 * in 0–1000 of the image it was sent. Told the family, eval prepares 32-px frames and maps the
 * answers back exactly; told Qwen2.5-VL instead, the same answers read as frame pixels miss.
 */
describe("deskpilot eval runs any family: Qwen3-VL's 0–1000 answers on its 32-px frames", () => {
  let tmp: string;
  let endpoint: ScriptedServer;
  const targets: Record<string, { box: Box; size: [number, number] }> = {
    "the OK button": { box: [100, 100, 300, 160], size: [1920, 1080] },
    "the gear icon": { box: [1700, 40, 1740, 80], size: [1920, 1080] },
    "the Save button": { box: [2000, 1200, 2200, 1260], size: [2560, 1440] },
    "the close icon": { box: [2500, 10, 2540, 50], size: [2560, 1440] },
  };
  const frames: { width: number; height: number }[] = [];

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-eval-family-"));
    mkdirSync(join(tmp, "pro", "annotations"), { recursive: true });
    mkdirSync(join(tmp, "pro", "images"), { recursive: true });
    const records = [];
    for (const [i, [instruction, t]] of Object.entries(targets).entries()) {
      const file = `${i}.png`;
      const [x1, y1, x2, y2] = t.box;
      await sharp({ create: { width: t.size[0], height: t.size[1], channels: 3, background: "#f0f0f0" } })
        .composite([{ input: { create: { width: x2 - x1, height: y2 - y1, channels: 3, background: "#3070e0" } }, left: x1, top: y1 }]).png().toFile(join(tmp, "pro", "images", file));
      records.push({ img_filename: file, img_size: t.size, instruction, bbox: t.box, ui_type: "icon", group: "Dev", platform: "linux", application: "x", id: instruction });
    }
    writeFileSync(join(tmp, "pro", "annotations", "all.json"), JSON.stringify(records));
    endpoint = await startScriptedServer((q) => {
      if (!hasImage(q)) return chatReply("", 10);
      frames.push(pngSize(q.body));
      const [instruction, t] = Object.entries(targets).find(([name]) => q.body.includes(name))!;
      const [x1, y1, x2, y2] = t.box;
      const rel = [Math.round(((x1 + x2) / 2 / t.size[0]) * 1000), Math.round(((y1 + y2) / 2 / t.size[1]) * 1000)];
      return chatReply(`\`\`\`json\n[\n\t{"point_2d": [${rel.join(", ")}], "label": "${instruction}"}\n]\n\`\`\``);
    });
  });
  after(async () => {
    await endpoint?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("--profile qwen3-vl: every item hit, each image sent at its 32-px frame (1920×1080 → 1920×1088, 2560×1440 as it is)", async () => {
    frames.length = 0;
    const r = await deskpilotJson<Report>(["eval", join(tmp, "pro"), "--endpoint", endpoint.base, "--remote-model", "qwen3-vl-4b", "--profile", "qwen3-vl", "--no-zoom"], process.env);
    assert.deepEqual(r.overall, { total: 4, hits: 4, accuracy: 1 });
    assert.equal(r.profile, "qwen3-vl");
    assert.equal(r.coordinates, "relative-1000");
    assert.deepEqual(frames, [{ width: 1920, height: 1088 }, { width: 1920, height: 1088 }, { width: 2560, height: 1440 }, { width: 2560, height: 1440 }]);
  });

  test("the same answers read as Qwen2.5-VL's frame pixels land in the top-left and miss", async () => {
    frames.length = 0;
    const r = await deskpilotJson<Report>(["eval", join(tmp, "pro"), "--endpoint", endpoint.base, "--remote-model", "qwen3-vl-4b", "--profile", "qwen2.5-vl", "--no-zoom"], process.env);
    assert.ok(r.overall.hits < 4, JSON.stringify(r.overall));
    assert.deepEqual(frames[0], { width: 1932, height: 1092 }, "Qwen2.5-VL's 28-px frame");
  });
});
