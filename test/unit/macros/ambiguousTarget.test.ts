import { test } from "node:test";
import assert from "node:assert/strict";
import { findTemplate } from "../../../agent/macros/findTemplate.js";
import { toGray } from "../../../agent/macros/GrayImage.js";
import { playMacro } from "../../../agent/macros/playMacro.js";
import { parseMacro } from "../../../agent/macros/parseMacro.js";
import { MACRO_FORMAT, MACRO_VERSION, type Macro } from "../../../agent/macros/MacroSchema.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import type { Grounder, GroundResult } from "../../../agent/grounding/Grounder.js";
import type { Capture } from "../../../agent/ports/Capture.js";
import { cropAround } from "./support/renderScene.js";
import { FakeClock, ReactiveInput, SceneScreen } from "./support/SceneScreen.js";
import { fieldCentre, renderForm, type Form } from "./support/renderForm.js";

const LABELS = ["Full name", "E-mail", "Phone"];
const recordedForm: Form = { x: 200, y: 150, labels: LABELS };
/** The whole form 150 px right and 64 px down (a banner and a wider sidebar). */
const shifted: Form = { ...recordedForm, x: 350, y: 214 };
const CROP = { x: 60, y: 28 };
const CONTEXT = { x: 180, y: 90 };

interface Recorded {
  context?: boolean;
  descriptions?: boolean;
}

/** Recorded on `recordedForm`: click each field and type into it. */
async function recordedMacro(fields: number[], opts: Recorded = {}): Promise<Macro> {
  const screen = await renderForm(recordedForm);
  const steps = [];
  for (const i of fields) {
    const p = fieldCentre(recordedForm, i);
    steps.push({
      kind: "click",
      target: {
        point: p,
        display: { id: "0", x: 0, y: 0, width: 1000, height: 700, scaleFactor: 1 },
        description: opts.descriptions ? `the ${LABELS[i]} field` : "",
        crop: await cropAround(screen, p, CROP),
        ...(opts.context ? { context: await cropAround(screen, p, CONTEXT) } : {}),
      },
      verify: "none",
    });
    steps.push({ kind: "type", text: `value ${i}`, verify: "none" });
  }
  return parseMacro(JSON.stringify({ format: MACRO_FORMAT, version: MACRO_VERSION, name: "claim", steps }));
}

async function world(form: Form) {
  const screen = new SceneScreen(await renderForm(form));
  return { screen, input: new ReactiveInput(), clock: new FakeClock() };
}

const near = (a: { x: number; y: number }, b: { x: number; y: number }, tol = 3) => Math.abs(a.x - b.x) <= tol && Math.abs(a.y - b.y) <= tol;
const clicks = (input: ReactiveInput) => input.calls.filter((c) => c.kind === "click").map((c) => (c as { at: { x: number; y: number } }).at);
const gray = (c: Capture) => toGray(c.data, c.width, c.height, 4);

test("a blank field's crop matches every blank field alike: each is one place (spread along it), not a ridge of rivals", async () => {
  const screen = await renderForm(recordedForm);
  const crop = await cropAround(screen, fieldCentre(recordedForm, 0), CROP);
  const match = await findTemplate(gray(screen), crop);
  assert.ok(match);
  const places = [{ ...match.point, confidence: match.confidence, spread: match.spread }, ...match.alternatives].filter(
    (p) => p.confidence >= match.confidence - 0.05,
  );
  assert.equal(places.length, 3, JSON.stringify(places.map((p) => [Math.round(p.x), Math.round(p.y), p.confidence.toFixed(3)])));
  // Each place lies on one field and stretches along it (the field is wider than the crop).
  const rows = places.map((p) => Math.round((p.y - fieldCentre(recordedForm, 0).y) / 80)).sort();
  assert.deepEqual(rows, [0, 1, 2]);
  for (const p of places) {
    const xs = p.spread.map((q) => q.x);
    assert.ok(Math.max(...xs) - Math.min(...xs) >= 100, `spread along the field: ${Math.min(...xs)}…${Math.max(...xs)}`);
  }
});

test("several equal matches and nothing to tell them apart: the replay stops at that step before any input, and says why", async () => {
  const w = await world(shifted);
  const report = await playMacro(await recordedMacro([0, 1]), w, { policy: defaultSafetyPolicy });
  assert.equal(report.ok, false);
  assert.equal(report.failedStep, 1);
  assert.match(report.reason!, /^stopped: step 1 is ambiguous: 3 places match the recorded target equally \(at [\d,; ]+; confidence 1\.00\): /);
  assert.match(report.reason!, /none lies where its place on the display puts it/);
  assert.match(report.reason!, /Nothing was sent\. Give this step's target a description/);
  assert.deepEqual(w.input.calls, [], "no input at all");
});

test("the recorded surroundings (the field's label) pick the recorded field after the layout shifts", async () => {
  const w = await world(shifted);
  const report = await playMacro(await recordedMacro([0, 2, 1], { context: true }), w, { policy: defaultSafetyPolicy });
  assert.equal(report.ok, true, report.reason);
  const at = clicks(w.input);
  [0, 2, 1].forEach((field, i) =>
    assert.ok(
      near(at[i]!, fieldCentre(shifted, field)),
      `click ${i + 1} at ${JSON.stringify(at[i])}, field ${field} is at ${JSON.stringify(fieldCentre(shifted, field))}`,
    ),
  );
  const found = report.steps[0]!.located![0]!;
  assert.equal(found.among, 3);
  assert.match(found.chosenBy!, /surroundings fit one clearly best/);
});

test("the offset from the previous step's target picks the next field", async () => {
  const macro = await recordedMacro([0, 1], { context: true });
  // Only the first step keeps its surroundings: the second must follow from the first.
  const second = macro.steps[2]!;
  assert.ok(second.kind === "click");
  delete (second.target as { context?: unknown }).context;
  const w = await world(shifted);
  const report = await playMacro(macro, w, { policy: defaultSafetyPolicy });
  assert.equal(report.ok, true, report.reason);
  assert.ok(near(clicks(w.input)[1]!, fieldCentre(shifted, 1)), JSON.stringify(clicks(w.input)));
  assert.match(report.steps[2]!.located![0]!.chosenBy!, /only one lies where the offset from the previous step's target puts it/);
});

test("unchanged layout: the one field at its recorded place is chosen", async () => {
  const w = await world(recordedForm);
  const report = await playMacro(await recordedMacro([1]), w, { policy: defaultSafetyPolicy });
  assert.equal(report.ok, true, report.reason);
  assert.ok(near(clicks(w.input)[0]!, fieldCentre(recordedForm, 1)));
});

test("the place in its window settles it when the window moved with its content", async () => {
  const macro = await recordedMacro([1]);
  const step = macro.steps[0]!;
  assert.ok(step.kind === "click");
  (step.target as { window?: unknown }).window = { x: 100, y: 100, width: 600, height: 500 };
  const w = await world(shifted);
  const windowAt = () => ({ x: 250, y: 164, width: 600, height: 500 });
  const report = await playMacro(macro, { ...w, windowAt }, { policy: defaultSafetyPolicy });
  assert.equal(report.ok, true, report.reason);
  assert.ok(near(clicks(w.input)[0]!, fieldCentre(shifted, 1)), JSON.stringify(clicks(w.input)));
});

test("geometry and surroundings that disagree decide nothing: stop", async () => {
  const macro = await recordedMacro([0], { context: true });
  const step = macro.steps[0]!;
  assert.ok(step.kind === "click");
  // The window says the target is where the E-mail field is now.
  (step.target as { window?: unknown }).window = { x: 0, y: 0, width: 1000, height: 700 };
  const w = await world(shifted);
  const windowAt = () => ({ x: 150, y: 144, width: 1000, height: 700 });
  const report = await playMacro(macro, { ...w, windowAt }, { policy: defaultSafetyPolicy });
  assert.equal(report.ok, false);
  assert.match(report.reason!, /ambiguous/);
  assert.deepEqual(w.input.calls, []);
});

test("with a model, the description chooses among the equal places; a point in none of them stops", async () => {
  const grounder = (at: { x: number; y: number }): Grounder => ({
    ground: async () => ({ point: at, screen: { point: at } }) as unknown as GroundResult,
    dispose: async () => {},
  });
  const target = fieldCentre(shifted, 1);
  const w = await world(shifted);
  const report = await playMacro(
    await recordedMacro([1], { descriptions: true }),
    { ...w, grounder: grounder({ x: target.x - 100, y: target.y + 5 }) },
    { policy: defaultSafetyPolicy },
  );
  assert.equal(report.ok, true, report.reason);
  const click = clicks(w.input)[0]!;
  assert.ok(Math.abs(click.y - target.y) <= 3 && Math.abs(click.x - target.x) <= 110, JSON.stringify(click));
  assert.equal(report.steps[0]!.located![0]!.method, "grounder");

  const w2 = await world(shifted);
  const off = await playMacro(
    await recordedMacro([1], { descriptions: true }),
    { ...w2, grounder: grounder({ x: 900, y: 650 }) },
    { policy: defaultSafetyPolicy },
  );
  assert.equal(off.ok, false);
  assert.match(off.reason!, /stopped: step 1 is ambiguous: .*the model, asked for "the E-mail field", pointed at 900,650, which is none of them/);
  assert.deepEqual(w2.input.calls, []);
});
