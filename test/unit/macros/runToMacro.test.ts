import { test } from "node:test";
import assert from "node:assert/strict";
import { runToMacro, type RunStepSource } from "../../../agent/macros/runToMacro.js";
import { playMacro } from "../../../agent/macros/playMacro.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import type { ComputerAction } from "../../../agent/actions/ComputerAction.js";
import type { StepEntry } from "../../../agent/runs/RunLogEntry.js";
import { BUTTON, renderScene, type SceneButton } from "./support/renderScene.js";
import { FakeClock, ReactiveInput, SceneScreen } from "./support/SceneScreen.js";

const timings = { captureMs: 0, prepareMs: 0, modelMs: 0, policyMs: 0, confirmMs: 0, actMs: 0, settleMs: 0, totalMs: 0 };
const entry = (step: number, screenAction: ComputerAction, outcome: StepEntry["outcome"] = "done"): StepEntry => ({
  type: "step",
  step,
  at: new Date(1_700_000_000_000 + step * 1000).toISOString(),
  capture: { width: 1000, height: 700 },
  frame: { width: 1000, height: 700 },
  screenAction,
  outcome,
  observation: "",
  timings,
});

test("a successful agent run becomes a macro with crops that replays without the model", async () => {
  const send: SceneButton = { label: "Send", x: 300, y: 200 };
  const before = await renderScene({ width: 1000, height: 700, buttons: [send, { label: "Cancel", x: 600, y: 400 }] });
  const centre = { x: send.x + BUTTON.width / 2, y: send.y + BUTTON.height / 2 };
  const steps: RunStepSource[] = [
    { entry: entry(1, { action: "left_click", coordinate: [centre.x, centre.y] }), capture: before, description: "the Send button" },
    { entry: entry(2, { action: "type", text: "hello" }) },
    { entry: entry(3, { action: "left_click", coordinate: [5, 5] }, "refused") },
    { entry: entry(4, { action: "key", keys: ["ctrl", "s"] }) },
    { entry: entry(5, { action: "terminate", status: "success" }) },
  ];
  const macro = await runToMacro("from a run", steps, [before.display]);
  assert.deepEqual(
    macro.steps.map((s) => s.kind),
    ["click", "type", "key"],
  );
  const click = macro.steps[0]!;
  assert.ok(click.kind === "click" && click.target.crop && click.target.description === "the Send button");

  // Replayed on a layout where the button moved: found by its crop, no grounder involved.
  const moved = await renderScene({
    width: 1000,
    height: 700,
    buttons: [
      { ...send, x: 480, y: 260 },
      { label: "Cancel", x: 600, y: 400 },
    ],
  });
  const changed = await renderScene({ width: 1000, height: 700, buttons: [{ label: "Sent", x: 40, y: 40 }] });
  const screen = new SceneScreen(moved);
  const input = new ReactiveInput(() => (screen.current = input.calls.length % 2 ? changed : moved));
  const report = await playMacro(macro, { screen, input, clock: new FakeClock() }, { policy: { ...defaultSafetyPolicy, riskyWords: [] } });
  assert.equal(report.ok, true, report.reason);
  assert.deepEqual(input.calls[0], { kind: "click", at: { x: 540, y: 278 }, button: "left", count: 1 });
});

test("a run's triple click and sideways scroll (Qwen3-VL's triple_click, hscroll) stay a triple click and a sideways scroll in the macro and its replay", async () => {
  const scene = await renderScene({ width: 1000, height: 700, buttons: [{ label: "Paragraph", x: 300, y: 200 }] });
  const at: [number, number] = [300 + BUTTON.width / 2, 200 + BUTTON.height / 2];
  const macro = await runToMacro(
    "triple",
    [
      { entry: entry(1, { action: "left_click", coordinate: at, clicks: 3 }), capture: scene },
      { entry: entry(2, { action: "scroll", coordinate: at, pixels: 300, axis: "horizontal" }), capture: scene },
    ],
    [scene.display],
  );
  const [click, scroll] = macro.steps;
  assert.ok(click?.kind === "click" && click.count === 3, JSON.stringify(click));
  assert.ok(scroll?.kind === "scroll" && scroll.axis === "horizontal", JSON.stringify(scroll));
  const screen = new SceneScreen(scene);
  const input = new ReactiveInput(() => undefined);
  // The scene does not react to input: nothing to verify.
  const quiet = { ...macro, steps: macro.steps.map((s) => ({ ...s, verify: "none" as const })) };
  const report = await playMacro(quiet, { screen, input, clock: new FakeClock() }, { policy: { ...defaultSafetyPolicy, riskyWords: [] } });
  assert.equal(report.ok, true, report.reason);
  assert.equal((input.calls[0] as { count?: number }).count, 3);
  const wheel = input.calls.find((c) => c.kind === "scroll") as { dy: number; dx?: number } | undefined;
  assert.ok(wheel && wheel.dy === 0 && (wheel.dx ?? 0) > 0, JSON.stringify(input.calls));
});
