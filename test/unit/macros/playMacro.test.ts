import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { playMacro } from "../../../agent/macros/playMacro.js";
import { parseMacro } from "../../../agent/macros/parseMacro.js";
import { MACRO_FORMAT, MACRO_VERSION, type Macro } from "../../../agent/macros/MacroSchema.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import { FileRunStore } from "../../../agent/runs/FileRunStore.js";
import type { Grounder, GroundResult } from "../../../agent/grounding/Grounder.js";
import type { Capture } from "../../../agent/ports/Capture.js";
import { BUTTON, cropAround, renderScene, type SceneButton } from "./support/renderScene.js";
import { FakeClock, ReactiveInput, SceneScreen } from "./support/SceneScreen.js";

const W = 1000;
const H = 700;
const others: SceneButton[] = [
  { label: "Cancel", x: 600, y: 400 },
  { label: "Help", x: 100, y: 500 },
];
const centre = (b: SceneButton) => ({ x: b.x + BUTTON.width / 2, y: b.y + BUTTON.height / 2 });
const save: SceneButton = { label: "Save", x: 200, y: 250 };
const scene = (buttons: SceneButton[], extra: SceneButton[] = []) => renderScene({ width: W, height: H, buttons: [...buttons, ...extra] });

/** A macro recorded on the original scene: click Save, type a greeting, press Enter. */
async function recordedMacro(label = "Save"): Promise<Macro> {
  const original = await scene([{ ...save, label }, ...others]);
  const p = centre(save);
  const target = {
    point: p,
    display: { id: "0", x: 0, y: 0, width: W, height: H, scaleFactor: 1 },
    description: `the ${label} button`,
    crop: await cropAround(original, p),
  };
  return parseMacro(
    JSON.stringify({
      format: MACRO_FORMAT,
      version: MACRO_VERSION,
      name: "greet",
      variables: { who: {} },
      steps: [
        { kind: "click", target },
        { kind: "type", text: "Hi {{who}}" },
        { kind: "key", keys: ["enter"] },
      ],
    }),
  );
}

/** Each input event draws one more marker, so the screen visibly changes. */
async function world(buttons: SceneButton[]) {
  const frames: Capture[] = [];
  for (let i = 0; i < 4; i++)
    frames.push(
      await scene(
        buttons,
        Array.from({ length: i }, (_, j) => ({ label: `ok${j}`, x: 800, y: 40 + j * 50 })),
      ),
    );
  const screen = new SceneScreen(frames[0]!);
  const input = new ReactiveInput((inp) => (screen.current = frames[Math.min(inp.calls.length, 3)]!));
  return { screen, input, clock: new FakeClock() };
}

const opts = { policy: defaultSafetyPolicy, variables: { who: "Zoë 東京" } };

test("replays on a moved button: finds it by its crop and clicks its new centre", async () => {
  const moved = { ...save, x: 350, y: 298 };
  const w = await world([moved, ...others]);
  const report = await playMacro(await recordedMacro(), w, opts);
  assert.equal(report.ok, true, report.reason);
  assert.deepEqual(
    w.input.calls.map((c) => c.kind),
    ["click", "type", "keys"],
  );
  const click = w.input.calls[0]!;
  assert.ok(click.kind === "click" && Math.abs(click.at.x - centre(moved).x) <= 1 && Math.abs(click.at.y - centre(moved).y) <= 1, JSON.stringify(click));
  assert.deepEqual(w.input.calls[1], { kind: "type", text: "Hi Zoë 東京" });
  assert.equal(report.steps[0]!.located![0]!.method, "template");
  assert.ok(report.steps[0]!.located![0]!.confidence! >= 0.97);
  assert.ok(report.steps.every((s) => s.changed === true));
  // Each input drew one more marker at x=800: that is where the screen changed.
  const region = report.steps[0]!.changedRegion!;
  assert.ok(region.x >= 790 && region.x + region.width <= 930, JSON.stringify(region));
});

test("a target that is gone stops the replay at that step, with screenshots, and sends nothing after", async () => {
  const dir = mkdtempSync(join(tmpdir(), "macro-play-"));
  try {
    const w = await world(others);
    const record = await new FileRunStore(dir).open("r1");
    const report = await playMacro(await recordedMacro(), { ...w, record }, opts);
    assert.equal(report.ok, false);
    assert.equal(report.failedStep, 1);
    assert.match(
      report.reason!,
      /could not find "the Save button": the best template match \(confidence 0\.\d\d at \d+,\d+\) is below 0\.8, and no grounding model is loaded/,
    );
    assert.deepEqual(w.input.calls, [], "no input at all");
    assert.equal(report.steps.length, 1);
    for (const s of report.steps[0]!.screenshots!) assert.ok(existsSync(join(dir, "r1", s)), s);
    assert.equal(report.steps[0]!.screenshots!.length, 2);
    const log = readFileSync(join(dir, "r1", "run.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; status?: string });
    assert.deepEqual(
      log.map((l) => l.type),
      ["run-start", "step", "run-end"],
    );
    assert.equal(log[2]!.status, "failure");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the grounder is asked when the template is weak", async () => {
  const w = await world(others);
  let asked = "";
  const grounder = {
    ground: async (_img, query) => {
      asked = query;
      return { point: { x: 660, y: 418 }, screen: { point: { x: 660, y: 418 } } } as unknown as GroundResult;
    },
    dispose: async () => {},
  } satisfies Grounder;
  const report = await playMacro(await recordedMacro(), { ...w, grounder }, opts);
  assert.equal(report.ok, true, report.reason);
  assert.equal(asked, "the Save button");
  assert.equal(report.steps[0]!.located![0]!.method, "grounder");
  assert.deepEqual(w.input.calls[0], { kind: "click", at: { x: 660, y: 418 }, button: "left", count: 1 });
});

test("fast mode clicks the recorded coordinates without looking", async () => {
  const w = await world(others);
  const report = await playMacro(await recordedMacro(), w, { ...opts, fast: true });
  assert.equal(report.ok, true);
  assert.equal(w.screen.captures, 0);
  assert.deepEqual(w.input.calls[0], { kind: "click", at: centre(save), button: "left", count: 1 });
});

test("a step that changes nothing fails verification and stops the replay", async () => {
  const frame = await scene([save, ...others]);
  const screen = new SceneScreen(frame);
  const input = new ReactiveInput();
  const report = await playMacro(await recordedMacro(), { screen, input, clock: new FakeClock() }, opts);
  assert.equal(report.ok, false);
  assert.equal(report.failedStep, 1);
  assert.match(report.reason!, /did not change/);
  assert.equal(input.calls.length, 1, "only the failed step's click");
});

test("an abort stops before the next input event", async () => {
  const w = await world([save, ...others]);
  const abort = new AbortController();
  const report = await playMacro(
    await recordedMacro(),
    { ...w, onStep: (s) => s.step === 1 && abort.abort(new Error("user pressed stop")) },
    { ...opts, signal: abort.signal },
  );
  assert.equal(report.ok, false);
  assert.equal(report.failedStep, 2);
  assert.match(report.reason!, /stopped: user pressed stop/);
  assert.deepEqual(
    w.input.calls.map((c) => c.kind),
    ["click"],
  );
});

test("the safety policy holds a risky target for confirmation; refused means nothing sent", async () => {
  const del = { ...save, label: "Delete" };
  const w = await world([del, ...others]);
  const macro = await recordedMacro("Delete");
  const refused = await playMacro(macro, w, opts);
  assert.equal(refused.steps[0]!.outcome, "refused");
  assert.match(refused.reason!, /says "delete".*pass --yes/);
  assert.deepEqual(w.input.calls, []);
  const asked: string[] = [];
  const allowed = await playMacro(macro, { ...w, confirm: async (r) => (asked.push(...r.reasons), true) }, opts);
  assert.equal(allowed.ok, true, allowed.reason);
  assert.equal(asked.length, 1);
});

test("a missing variable fails before any input", async () => {
  const w = await world([save, ...others]);
  await assert.rejects(playMacro(await recordedMacro(), w, { policy: defaultSafetyPolicy }), { code: "MACRO_VARIABLE" });
  assert.deepEqual(w.input.calls, []);
});

test("the fail-safe stops before the next input event; an infrastructure error is reported as one", async () => {
  const w = await world([save, ...others]);
  let checks = 0;
  const failSafe = async () => (++checks >= 2 ? "fail-safe: the pointer was pushed into a screen corner" : undefined);
  const stopped = await playMacro(await recordedMacro(), { ...w, failSafe }, opts);
  assert.equal(stopped.failedStep, 2);
  assert.equal(stopped.reason, "stopped: fail-safe: the pointer was pushed into a screen corner");
  assert.deepEqual(
    w.input.calls.map((c) => c.kind),
    ["click"],
  );

  const broken = await world([save, ...others]);
  const screen = Object.assign(broken.screen, { capture: async () => Promise.reject(new Error("XGetImage failed")) });
  const failed = await playMacro(await recordedMacro(), { ...broken, screen }, opts);
  assert.equal(failed.failedStep, 1);
  assert.equal(failed.reason, "error: XGetImage failed");
  assert.deepEqual(broken.input.calls, []);
});
