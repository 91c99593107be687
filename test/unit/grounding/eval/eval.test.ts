import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { deskpilot, deskpilotJson } from "../../../support/cli.js";

type Box = [number, number, number, number];
interface Report {
  overall: { total: number; hits: number; accuracy: number };
  unanswered: number;
  meanMs: number;
  groups: Record<string, Record<string, { total: number; hits: number }>>;
}

/** Draws `w`×`h` with a filled rectangle per box, so the images are real screenshots-to-be. */
async function draw(file: string, w: number, h: number, boxes: Box[]): Promise<void> {
  const rects = boxes.map(([x1, y1, x2, y2]) => ({
    input: { create: { width: x2 - x1, height: y2 - y1, channels: 3 as const, background: "#3070e0" } },
    left: x1,
    top: y1,
  }));
  await sharp({ create: { width: w, height: h, channels: 3, background: "#f0f0f0" } })
    .composite(rects)
    .png()
    .toFile(file);
}

/**
 * `deskpilot eval` with the stated test oracle on datasets drawn here: the oracle answers some
 * items at the right element, some at a wrong one and one not at all, so the accuracy is known
 * exactly in advance.
 */
describe("deskpilot eval on generated ScreenSpot datasets (test oracle)", () => {
  let tmp: string;
  const ok: Box = [100, 100, 300, 160];
  const gear: Box = [1700, 40, 1740, 80];
  const save: Box = [2000, 1200, 2200, 1260];
  const close: Box = [2500, 10, 2540, 50];
  const search: Box = [400, 20, 900, 60]; // written x,y,w,h as [400, 20, 500, 40]
  const logo: Box = [10, 10, 90, 50]; // written [10, 10, 80, 40]

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-eval-"));
    // ScreenSpot-Pro layout: annotations/*.json (x1,y1,x2,y2) beside images/.
    mkdirSync(join(tmp, "pro", "annotations"), { recursive: true });
    mkdirSync(join(tmp, "pro", "images", "vscode"), { recursive: true });
    mkdirSync(join(tmp, "pro", "images", "gimp"), { recursive: true });
    await draw(join(tmp, "pro", "images", "vscode", "a.png"), 1920, 1080, [ok, gear]);
    await draw(join(tmp, "pro", "images", "gimp", "b.png"), 2560, 1440, [save, close]);
    const pro = (img: string, size: [number, number], instruction: string, bbox: Box, ui_type: string, group: string, platform: string) => ({
      img_filename: img,
      img_size: size,
      instruction,
      bbox,
      ui_type,
      group,
      platform,
      application: "x",
      id: instruction,
    });
    writeFileSync(
      join(tmp, "pro", "annotations", "mixed.json"),
      JSON.stringify([
        pro("vscode/a.png", [1920, 1080], "the OK button", ok, "text", "Dev", "windows"),
        pro("vscode/a.png", [1920, 1080], "the gear icon", gear, "icon", "Dev", "windows"),
        pro("gimp/b.png", [2560, 1440], "the Save button", save, "text", "Creative", "macos"),
        pro("gimp/b.png", [2560, 1440], "the close icon", close, "icon", "Creative", "macos"),
      ]),
    );
    // ScreenSpot v1 layout: screenspot_web.json (x,y,w,h) beside screenspot_imgs/.
    mkdirSync(join(tmp, "v1", "screenspot_imgs"), { recursive: true });
    await draw(join(tmp, "v1", "screenspot_imgs", "c.png"), 1366, 768, [search, logo]);
    writeFileSync(
      join(tmp, "v1", "screenspot_web.json"),
      JSON.stringify([
        { img_filename: "c.png", bbox: [400, 20, 500, 40], instruction: "search box", data_type: "text", data_source: "shop" },
        { img_filename: "c.png", bbox: [10, 10, 80, 40], instruction: "logo", data_type: "icon", data_source: "shop" },
      ]),
    );
    // The oracle: right for OK, Save and the search box; the gear answered at OK, the logo at the search box; the close icon unknown.
    writeFileSync(
      join(tmp, "oracle.json"),
      JSON.stringify([
        { image: "vscode/a.png", query: "the OK button", box: ok },
        { image: "vscode/a.png", query: "the gear icon", box: ok },
        { image: "gimp/b.png", query: "the Save button", box: save },
        { image: "c.png", query: "search box", box: search },
        { image: "c.png", query: "logo", box: search },
      ]),
    );
  });
  after(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  test("ScreenSpot-Pro folder: 2 of 4, exactly, by type, group and platform", async () => {
    const r = await deskpilotJson<Report>(["eval", join(tmp, "pro"), "--oracle", join(tmp, "oracle.json")], process.env);
    assert.deepEqual(r.overall, { total: 4, hits: 2, accuracy: 0.5 });
    assert.equal(r.unanswered, 1);
    assert.deepEqual(r.groups["type"], { text: { total: 2, hits: 2, accuracy: 1 }, icon: { total: 2, hits: 0, accuracy: 0 } });
    assert.deepEqual(r.groups["group"], { Dev: { total: 2, hits: 1, accuracy: 0.5 }, Creative: { total: 2, hits: 1, accuracy: 0.5 } });
    assert.deepEqual(Object.keys(r.groups["platform"]!), ["windows", "macos"]);
    assert.ok(r.meanMs > 0);
  });

  test("ScreenSpot v1 file (x,y,w,h boxes): 1 of 2; --limit takes the first items", async () => {
    const r = await deskpilotJson<Report>(["eval", join(tmp, "v1", "screenspot_web.json"), "--oracle", join(tmp, "oracle.json")], process.env);
    assert.deepEqual(r.overall, { total: 2, hits: 1, accuracy: 0.5 });
    assert.deepEqual(r.groups["platform"], { shop: { total: 2, hits: 1, accuracy: 0.5 } });
    const one = await deskpilotJson<Report>(["eval", join(tmp, "v1"), "--limit", "1", "--oracle", join(tmp, "oracle.json")], process.env);
    assert.deepEqual(one.overall, { total: 1, hits: 1, accuracy: 1 });
  });

  test("the human report prints overall and grouped accuracy, and progress goes to stderr", async () => {
    const r = await deskpilot(["eval", join(tmp, "pro"), "--oracle", join(tmp, "oracle.json"), "--no-zoom"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^overall\s+50\.0%\s+2\/4\s+mean [\d.]+ s\/item\s+1 unanswered$/m);
    assert.match(r.stdout, /^by type\n {2}icon\s+0\.0%\s+0\/2\n {2}text\s+100\.0%\s+2\/2$/m);
    assert.match(r.stderr, /\[#+\] 4\/4 {2}acc 50\.0%/);
  });

  test("--grounding-prompt json,tool-call: the same items asked both ways, one row each; --json keeps the first prompt's report on top", async () => {
    // The oracle answers in the format each prompt asks for, so the tool-call row is read by the tool-call parser.
    const r = await deskpilotJson<Report & { prompt: string; prompts: Record<string, Report> }>(
      ["eval", join(tmp, "pro"), "--oracle", join(tmp, "oracle.json"), "--grounding-prompt", "json,tool-call"],
      process.env,
    );
    assert.equal(r.prompt, "json");
    assert.deepEqual(Object.keys(r.prompts), ["json", "tool-call"]);
    assert.deepEqual(r.overall, { total: 4, hits: 2, accuracy: 0.5 });
    assert.deepEqual(r.prompts["tool-call"]!.overall, { total: 4, hits: 2, accuracy: 0.5 });
    assert.equal(r.prompts["tool-call"]!.unanswered, 1);
    const text = await deskpilot(["eval", join(tmp, "pro"), "--oracle", join(tmp, "oracle.json"), "--no-zoom", "--grounding-prompt", "tool-call,json"]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^prompt tool-call\s+50\.0%\s+2\/4\s+mean [\d.]+ s\/item\s+1 unanswered\nprompt json\s+50\.0%\s+2\/4/);
    assert.match(text.stdout, /^\[tool-call\]\noverall\s+50\.0%/m);
    const one = await deskpilotJson<Report & { prompt: string; prompts?: unknown }>(
      ["eval", join(tmp, "pro"), "--oracle", join(tmp, "oracle.json"), "--grounding-prompt", "tool-call"],
      process.env,
    );
    assert.equal(one.prompt, "tool-call");
    assert.equal(one.prompts, undefined);
  });

  test("a file that is not ScreenSpot is a usage error naming the record", async () => {
    writeFileSync(join(tmp, "bad.json"), JSON.stringify([{ img_filename: "c.png", instruction: "x" }]));
    const r = await deskpilot(["eval", join(tmp, "bad.json"), "--oracle", join(tmp, "oracle.json")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /record 0: not a ScreenSpot record \(bbox/);
  });
});
