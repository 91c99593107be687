import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { deskpilotJson } from "../../../support/cli.js";
import { chatReply, hasImage, startScriptedServer, type ScriptedServer } from "../support/scriptedServer.js";

type Box = [number, number, number, number];
interface Report {
  overall: { total: number; hits: number; accuracy: number };
  unanswered: number;
  profile?: string;
  coordinates?: string;
}

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
describe("deskpilot eval runs any family, each read in its own format, space and grid", () => {
  let tmp: string;
  let endpoint: ScriptedServer;
  const targets: Record<string, { box: Box; size: [number, number] }> = {
    "the OK button": { box: [100, 100, 300, 160], size: [1920, 1080] },
    "the gear icon": { box: [1700, 40, 1740, 80], size: [1920, 1080] },
    "the Save button": { box: [2000, 1200, 2200, 1260], size: [2560, 1440] },
    "the close icon": { box: [2500, 10, 2540, 50], size: [2560, 1440] },
  };
  const frames: { width: number; height: number }[] = [];
  /** How the scripted model writes the target's centre (fractions of the image) for the test running now. */
  let answer: (centre: { x: number; y: number }, frame: { width: number; height: number }, label: string) => string = () => "";
  const rel = (c: { x: number; y: number }, scale: number) => [Math.round(c.x * scale), Math.round(c.y * scale)];
  const qwen3Json = (c: { x: number; y: number }, _f: unknown, label: string) =>
    `\`\`\`json\n[\n\t{"point_2d": [${rel(c, 1000).join(", ")}], "label": "${label}"}\n]\n\`\`\``;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-eval-family-"));
    mkdirSync(join(tmp, "pro", "annotations"), { recursive: true });
    mkdirSync(join(tmp, "pro", "images"), { recursive: true });
    const records = [];
    for (const [i, [instruction, t]] of Object.entries(targets).entries()) {
      const file = `${i}.png`;
      const [x1, y1, x2, y2] = t.box;
      await sharp({ create: { width: t.size[0], height: t.size[1], channels: 3, background: "#f0f0f0" } })
        .composite([{ input: { create: { width: x2 - x1, height: y2 - y1, channels: 3, background: "#3070e0" } }, left: x1, top: y1 }])
        .png()
        .toFile(join(tmp, "pro", "images", file));
      records.push({
        img_filename: file,
        img_size: t.size,
        instruction,
        bbox: t.box,
        ui_type: "icon",
        group: "Dev",
        platform: "linux",
        application: "x",
        id: instruction,
      });
    }
    writeFileSync(join(tmp, "pro", "annotations", "all.json"), JSON.stringify(records));
    endpoint = await startScriptedServer((q) => {
      if (!hasImage(q)) return chatReply("", 10);
      const frame = pngSize(q.body);
      frames.push(frame);
      const [instruction, t] = Object.entries(targets).find(([name]) => q.body.includes(name))!;
      const [x1, y1, x2, y2] = t.box;
      const centre = { x: (x1 + x2) / 2 / t.size[0], y: (y1 + y2) / 2 / t.size[1] };
      return chatReply(answer(centre, frame, instruction));
    });
  });
  after(async () => {
    await endpoint?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("--profile qwen3-vl: every item hit, each image sent at its 32-px frame (1920×1080 → 1920×1088, 2560×1440 as it is)", async () => {
    frames.length = 0;
    answer = qwen3Json;
    const r = await deskpilotJson<Report>(
      ["eval", join(tmp, "pro"), "--endpoint", endpoint.base, "--remote-model", "qwen3-vl-4b", "--profile", "qwen3-vl", "--no-zoom"],
      process.env,
    );
    assert.deepEqual(r.overall, { total: 4, hits: 4, accuracy: 1 });
    assert.equal(r.profile, "qwen3-vl");
    assert.equal(r.coordinates, "relative-1000");
    assert.deepEqual(frames, [
      { width: 1920, height: 1088 },
      { width: 1920, height: 1088 },
      { width: 2560, height: 1440 },
      { width: 2560, height: 1440 },
    ]);
  });

  test("the same answers read as Qwen2.5-VL's frame pixels land in the top-left and miss", async () => {
    frames.length = 0;
    answer = qwen3Json;
    const r = await deskpilotJson<Report>(
      ["eval", join(tmp, "pro"), "--endpoint", endpoint.base, "--remote-model", "qwen3-vl-4b", "--profile", "qwen2.5-vl", "--no-zoom"],
      process.env,
    );
    assert.ok(r.overall.hits < 4, JSON.stringify(r.overall));
    assert.deepEqual(frames[0], { width: 1932, height: 1092 }, "Qwen2.5-VL's 28-px frame");
  });

  // Each family as its own grounding answers look (agent/profiles and the corpus): the eval reads
  // each in its own format and space, and every item is hit.
  const families: [string, string, { width: number; height: number }, typeof answer][] = [
    [
      "gui-owl-1.5",
      "relative-1000",
      { width: 1920, height: 1088 },
      (c) => `<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [${rel(c, 1000).join(", ")}]}}\n</tool_call>`,
    ],
    [
      "mai-ui",
      "relative-999",
      { width: 1920, height: 1088 },
      (c) => `<grounding_think>\nThe target is there.\n</grounding_think>\n<answer>\n{"coordinate":[${rel(c, 999).join(",")}]}\n</answer>`,
    ],
    ["ui-tars-1.5", "frame-pixels", { width: 1932, height: 1092 }, (c, f) => `(${Math.round(c.x * f.width)},${Math.round(c.y * f.height)})`],
    [
      "qwen2.5-vl",
      "frame-pixels",
      { width: 1932, height: 1092 },
      (c, f, label) => `\`\`\`json\n[{"point_2d": [${Math.round(c.x * f.width)}, ${Math.round(c.y * f.height)}], "label": "${label}"}]\n\`\`\``,
    ],
  ];
  for (const [profile, coordinates, first, write] of families) {
    test(`--profile ${profile}: every item hit, read in ${coordinates}, the 1080p image sent at ${first.width}×${first.height}`, async () => {
      frames.length = 0;
      answer = write;
      const r = await deskpilotJson<Report>(
        ["eval", join(tmp, "pro"), "--endpoint", endpoint.base, "--remote-model", profile, "--profile", profile, "--no-zoom"],
        process.env,
      );
      assert.deepEqual(r.overall, { total: 4, hits: 4, accuracy: 1 });
      assert.deepEqual([r.profile, r.coordinates], [profile, coordinates]);
      assert.deepEqual(frames[0], first);
    });
  }
});
