import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import sharp from "sharp";
import { LocalMacros } from "../../../agent/macros/LocalMacros.js";
import { parseMacro } from "../../../agent/macros/parseMacro.js";
import { playMacro } from "../../../agent/macros/playMacro.js";
import { describeRunStep } from "../../../agent/macros/describeRunStep.js";
import { encodeTargetImage, targetImageCapture } from "../../../agent/runs/targetImage.js";
import { cropTarget } from "../../../agent/macros/recorder/cropTarget.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import { FileRunStore, RUN_LOG } from "../../../agent/runs/FileRunStore.js";
import { readRunLog } from "../../../agent/runs/readRunLog.js";
import type { StepEntry } from "../../../agent/runs/RunLogEntry.js";
import type { Capture } from "../../../agent/ports/Capture.js";
import { deskpilot } from "../../support/cli.js";
import type { MacroSummary } from "../../../agent/macros/MacrosApi.js";
import { call } from "../loop/support/ScriptedDecider.js";
import { renderScene } from "./support/renderScene.js";
import { CANCEL, RUN_SCREEN, RUN_TASK, SEND, centre, frameAt, recordRun } from "./support/recordRun.js";
import { FakeClock, ReactiveInput, SceneScreen } from "./support/SceneScreen.js";

const { width: W, height: H } = RUN_SCREEN;
const TASK = RUN_TASK;
const send = SEND;
const cancel = CANCEL;

describe("saving an agent run as a macro", () => {
  let tmp: string;
  let runs: string;
  let library: string;
  let macros: LocalMacros;
  let scene: Capture;
  const answers = [
    `I will click the Send button.\n${call({ action: "left_click", coordinate: frameAt(centre(send)) })}`,
    call({ action: "type", text: "hello" }),
    call({ action: "left_click", coordinate: [99999, 5] }), // off the frame: failed
    call({ action: "key", keys: ["delete"] }), // risky outside a text field: refused
    call({ action: "double_click", coordinate: frameAt(centre(cancel)) }),
    call({ action: "terminate", status: "success" }),
  ];

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "run-to-macro-"));
    runs = join(tmp, "runs");
    library = join(tmp, "macros");
    scene = await renderScene({ width: W, height: H, buttons: [send, cancel] });
    macros = new LocalMacros({ screen: new SceneScreen(scene), input: new ReactiveInput(), runs: new FileRunStore(runs), library });
    await recordRun(runs, "ok-run", answers);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test("the run record keeps an unannotated image around each acted point, written before the line that names it", async () => {
    const log = readRunLog(join(runs, "ok-run"));
    assert.equal(log.end?.status, "success");
    assert.deepEqual(
      log.steps.map((s) => s.outcome),
      ["done", "done", "failed", "refused", "done", "terminate"],
    );
    const withImage = log.steps.filter((s) => s.targetImage).map((s) => s.step);
    assert.deepEqual(withImage, [1, 5], "only executed steps with a point keep one");
    const image = log.steps[0]!.targetImage!;
    assert.deepEqual(image.rect, { left: 360 - 160, top: 218 - 100, width: 320, height: 200 });
    // Unannotated: the very pixels of the screen the step saw, not the screenshot with the action drawn on.
    const { data } = await sharp(readFileSync(join(runs, "ok-run", image.file)))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const expected = await sharp(scene.data, { raw: { width: W, height: H, channels: 4 } })
      .extract(image.rect)
      .raw()
      .toBuffer();
    assert.ok(data.equals(expected), "the target image is the clean capture");
  });

  test("a successful run becomes a valid macro: executed steps only, each target with a crop and a description", async () => {
    const out = join(library, "send it.json");
    const summary = await macros.saveRunAsMacro("ok-run", out, "send it");
    assert.equal(summary.name, "send it");
    const macro = parseMacro(readFileSync(out, "utf8"));
    assert.deepEqual(
      macro.steps.map((s) => s.kind),
      ["click", "type", "click"],
      "the failed and the refused step are left out",
    );
    const [first, typed, second] = macro.steps;
    assert.ok(first?.kind === "click" && second?.kind === "click" && typed?.kind === "type");
    assert.equal(typed.text, "hello");
    assert.equal(second.count, 2);
    assert.equal(first.target.description, "I will click the Send button.", "the model's own words");
    assert.equal(second.target.description, "the element step 5 of the run double-clicked", "no words: the step and its action");
    for (const t of [first.target, second.target]) {
      assert.ok(t.crop, "a crop");
      assert.equal(t.display.width, W, "the real display, not the image's area");
      assert.ok(Math.abs(t.crop.anchor.x - t.crop.width / 2) <= 2 && Math.abs(t.crop.anchor.y - t.crop.height / 2) <= 2, "the point is in the crop's middle");
    }
    assert.ok(Math.abs(first.target.point.x - centre(send).x) <= 2 && Math.abs(first.target.point.y - centre(send).y) <= 2);
    await assert.rejects(macros.saveRunAsMacro("ok-run", out, "send it"), { code: "MACRO_EXISTS" }, "an existing macro is never replaced");

    // Replayed where the Send button moved: found by the crop, no model.
    const moved = await renderScene({ width: W, height: H, buttons: [{ ...send, x: 120, y: 480 }, cancel] });
    const changed = await renderScene({ width: W, height: H, buttons: [] });
    const screen = new SceneScreen(moved);
    const input = new ReactiveInput((i) => (screen.current = i.calls.length % 2 ? changed : moved));
    // The replay keeps the safety policy: "Send" in a description is risky, so the user allows it here.
    const asked: string[] = [];
    const confirm = async (r: { reasons: readonly string[] }) => (asked.push(...r.reasons), true);
    const report = await playMacro(macro, { screen, input, clock: new FakeClock(), confirm }, { policy: defaultSafetyPolicy });
    assert.match(asked.join(), /says "send"/);
    assert.equal(report.ok, true, report.reason);
    assert.deepEqual(input.calls[0], { kind: "click", at: { x: 180, y: 498 }, button: "left", count: 1 });
  });

  test("only a finished successful agent run can be saved; others get a clear error and write nothing", async () => {
    await recordRun(runs, "failed-run", [call({ action: "left_click", coordinate: frameAt(centre(send)) }), call({ action: "terminate", status: "failure" })]);
    const out = (n: string) => join(library, `${n}.json`);
    await assert.rejects(
      macros.saveRunAsMacro("failed-run", out("f"), "f"),
      (e: Error & { code?: string }) =>
        e.code === "RUN_NOT_SUCCESSFUL" && /ended with failure/.test(e.message) && /only a run that ended with success/.test(e.message),
    );
    await assert.rejects(macros.saveRunAsMacro("no-such-run", out("n"), "n"), { code: "UNKNOWN_RUN" });
    for (const bad of ["../runs/ok-run", "/etc", "a/b", ".."]) await assert.rejects(macros.saveRunAsMacro(bad, out("b"), "b"), { code: "BAD_USAGE" }, bad);

    // A crashed run: no run-end, a torn last line. It still reads, and is refused.
    cpSync(join(runs, "ok-run"), join(runs, "crashed"), { recursive: true });
    const lines = readFileSync(join(runs, "crashed", RUN_LOG), "utf8")
      .trim()
      .split("\n");
    writeFileSync(join(runs, "crashed", RUN_LOG), `${lines.slice(0, -1).join("\n")}\n{"type":"run-e`);
    await assert.rejects(
      macros.saveRunAsMacro("crashed", out("c"), "c"),
      (e: Error & { code?: string }) => e.code === "RUN_NOT_SUCCESSFUL" && /has not finished/.test(e.message),
    );

    // A run recorded before target images were kept cannot give crops: said so, not saved without them.
    cpSync(join(runs, "ok-run"), join(runs, "old"), { recursive: true });
    const old = readFileSync(join(runs, "old", RUN_LOG), "utf8")
      .split("\n")
      .map((l) => (l.startsWith('{"type":"step"') ? JSON.stringify({ ...(JSON.parse(l) as StepEntry), targetImage: undefined }) : l));
    writeFileSync(join(runs, "old", RUN_LOG), old.join("\n"));
    await assert.rejects(macros.saveRunAsMacro("old", out("o"), "o"), { code: "RUN_NO_TARGET_IMAGES" });

    // A macro replay's record is not an agent run.
    const replay = await macros.playMacro({ path: join(library, "send it.json"), fast: true });
    assert.ok(replay.dir);
    await assert.rejects(macros.saveRunAsMacro(basename(replay.dir), out("r"), "r"), { code: "RUN_IS_MACRO" });
    for (const name of ["f", "n", "b", "c", "o", "r"]) assert.equal(existsSync(out(name)), false, name);
  });

  test("deskpilot macro record OUT --from-run RUN_DIR saves the run without a display; a failed run exits 1 with the reason", async () => {
    const out = join(tmp, "cli.json");
    const r = await deskpilot(["macro", "record", out, "--from-run", join(runs, "ok-run"), "--json"], { ...process.env, DISPLAY: "" });
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as MacroSummary;
    assert.equal(summary.name, TASK, "named after the task by default");
    assert.deepEqual(
      summary.steps.map((s) => s.kind),
      ["click", "type", "click"],
    );
    assert.equal(parseMacro(readFileSync(out, "utf8")).steps.length, 3);
    const failed = await deskpilot(["macro", "record", join(tmp, "cli2.json"), "--from-run", join(runs, "failed-run")], { ...process.env, DISPLAY: "" });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /RUN_NOT_SUCCESSFUL|ended with failure/);
    assert.equal(existsSync(join(tmp, "cli2.json")), false);
  });

  test("descriptions: the model's words, else what the inspector read at the point, else the step and action", () => {
    const base: StepEntry = {
      type: "step",
      step: 3,
      at: "",
      capture: { width: 1, height: 1 },
      frame: { width: 1, height: 1 },
      screenAction: { action: "left_click", coordinate: [1, 1] },
      outcome: "done",
      observation: "",
      timings: { captureMs: 0, prepareMs: 0, modelMs: 0, policyMs: 0, confirmMs: 0, actMs: 0, settleMs: 0, totalMs: 0 },
    };
    assert.equal(
      describeRunStep({ ...base, raw: `Thought: open the Settings tab. Then save.\n${call({ action: "left_click", coordinate: [1, 1] })}` }),
      "open the Settings tab.",
    );
    assert.equal(
      describeRunStep({
        ...base,
        raw: call({ action: "left_click", coordinate: [1, 1] }),
        policy: { verdict: "allow", reasons: [], target: { label: "Email", role: "text" } },
      }),
      'the "Email" field',
    );
    assert.equal(describeRunStep({ ...base, raw: '```json\n{"action": "left_click"}\n```' }), "the element step 3 of the run clicked");
    assert.ok(describeRunStep({ ...base, raw: `${"word ".repeat(400)}.` }).length <= 500);
  });
});

test("HiDPI and edges: the crop taken from a kept target image is the crop the full screen would give", async () => {
  const hidpi = await renderScene({
    width: 640,
    height: 400,
    scale: 2,
    buttons: [
      { label: "OK", x: 10, y: 10 },
      { label: "Go", x: 300, y: 200 },
    ],
  });
  const display = { ...hidpi.display, x: 1280, y: 0 };
  const screen = { ...hidpi, display };
  for (const point of [
    { x: 1280 + 360, y: 218 },
    { x: 1280 + 20, y: 15 },
    { x: 1280 + 639, y: 399 },
  ]) {
    const { png, rect } = await encodeTargetImage(screen, point);
    const kept = await targetImageCapture(png, { file: "t.png", display, rect });
    const [fromKept, fromScreen] = await Promise.all([cropTarget(kept, point), cropTarget(screen, point)]);
    assert.deepEqual(fromKept, fromScreen, JSON.stringify(point));
  }
});
