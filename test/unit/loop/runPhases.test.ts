import { describe, test } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { RunsController, type RunEnvironment } from "../../../agent/loop/RunsController.js";
import { defaultAgentOptions } from "../../../agent/loop/AgentPorts.js";
import { systemClock } from "../../../agent/loop/Clock.js";
import { defaultSafetyPolicy } from "../../../agent/policy/SafetyPolicy.js";
import { MemoryRunStore } from "../../../agent/runs/RunStore.js";
import type { ServiceEvent, ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { ColourScreen } from "./support/ColourScreen.js";
import { ScriptedDecider, call, type Answer } from "./support/ScriptedDecider.js";
import { TestClock } from "./support/TestClock.js";
import { DISPLAY } from "./support/loopHarness.js";

function controller(answers: Answer[], extra: Partial<RunEnvironment> = {}) {
  const input = new FakeInputDriver({ x: 5, y: 5 });
  const events: ServiceEvent[] = [];
  const screen = new ColourScreen(DISPLAY, () => [(input.calls.length * 60) % 256, 40, 90]);
  const env: RunEnvironment = {
    screen,
    input,
    clock: new TestClock(),
    store: new MemoryRunStore(),
    createDecider: async () => new ScriptedDecider(answers),
    defaults: {
      ...defaultAgentOptions,
      policy: defaultSafetyPolicy,
      bounds: { minImageTokens: 64, maxImageTokens: 256 },
      settle: { timeoutMs: 300, intervalMs: 100, minChangedPixels: 40 },
    },
    failSafePollMs: 0,
    ...extra,
  };
  return { runs: new RunsController(env, (e) => events.push(e)), events, screen };
}

const of = <T extends ServiceEvent["type"]>(events: ServiceEvent[], type: T) => events.filter((e): e is ServiceEventOf<T> => e.type === type);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** An answer given after `ms` of real time, so a live frame has time to go out. */
const slowly =
  (ms: number, answer: Answer): Answer =>
  async (r) => (await sleep(ms), typeof answer === "string" ? answer : answer(r));

describe("a run's phases and live frames (run-phase, run-frame)", () => {
  test("each step's phases go out as they begin, in order, with the step; a settled screen is not captured again", async () => {
    const { runs, events } = controller([call({ action: "left_click", coordinate: [10, 10] }), call({ action: "terminate", status: "success" })]);
    const { runId } = await runs.startRun("click it");
    await runs.result(runId);
    const phases = of(events, "run-phase").map((e) => `${e.step}:${e.phase}`);
    assert.deepEqual(phases, ["1:capturing", "1:preparing", "1:asking-model", "1:acting", "1:settling", "2:preparing", "2:asking-model"]);
    assert.ok(of(events, "run-phase").every((e) => e.runId === runId));
    // Each phase comes before the step it belongs to is reported.
    const order = events.filter((e) => e.type === "run-phase" || e.type === "run-step").map((e) => (e.type === "run-step" ? `step ${e.step}` : `${e.step}`));
    assert.deepEqual(order, ["1", "1", "1", "1", "1", "step 1", "2", "2", "step 2"]);
  });

  test("run-step carries the step's per-phase timings, the same the run report shows", async () => {
    const { runs, events } = controller([call({ action: "left_click", coordinate: [10, 10] }), call({ action: "terminate", status: "success" })]);
    await runs.result((await runs.startRun("click it")).runId);
    const [first] = of(events, "run-step");
    assert.ok(first?.timings, "the step has its timings");
    assert.deepEqual(Object.keys(first.timings).sort(), ["actMs", "captureMs", "confirmMs", "modelMs", "policyMs", "prepareMs", "settleMs", "totalMs"]);
    assert.ok(first.timings.settleMs > 0, "the settle wait is counted (virtual time)");
    assert.equal(first.ms, first.timings.totalMs);
  });

  test("a model that takes a while to load is a loading-model phase before the first step; a quick one is not", async () => {
    const answers = () => [call({ action: "terminate", status: "success" })];
    const slow = controller(answers(), { createDecider: async () => (await sleep(120), new ScriptedDecider(answers())), loadingPhaseAfterMs: 20 });
    await slow.runs.result((await slow.runs.startRun("wait for it")).runId);
    const phases = of(slow.events, "run-phase").map((e) => e.phase);
    assert.deepEqual(phases.slice(0, 2), ["loading-model", "capturing"]);
    assert.equal(phases.filter((p) => p === "loading-model").length, 1);
    assert.equal(of(slow.events, "run-phase")[0]!.step, undefined, "loading belongs to no step");

    const quick = controller(answers(), { loadingPhaseAfterMs: 1000 });
    await quick.runs.result((await quick.runs.startRun("go")).runId);
    assert.ok(!of(quick.events, "run-phase").some((e) => e.phase === "loading-model"));
  });

  test("an environment that says it waits for its model names what loads; the phase is told once, not again by the timer", async () => {
    const answers = [call({ action: "terminate", status: "success" })];
    const { runs, events } = controller(answers, {
      loadingPhaseAfterMs: 20,
      createDecider: async (_signal, onLoading) => (onLoading?.("model.gguf, 3.2 GB with its projector"), await sleep(80), new ScriptedDecider(answers)),
    });
    await runs.result((await runs.startRun("wait for it")).runId);
    const loading = of(events, "run-phase").filter((e) => e.phase === "loading-model");
    assert.deepEqual(
      loading.map((e) => e.detail),
      ["model.gguf, 3.2 GB with its projector"],
    );
  });

  test("a client that takes a run over hears what it does now and sees its latest screen (activeRuns)", async () => {
    let seen!: () => void;
    const thinking = new Promise<void>((r) => (seen = r));
    let release!: () => void;
    const answered = new Promise<void>((r) => (release = r));
    const { runs } = controller([async () => (seen(), await answered, call({ action: "terminate", status: "success" }))], {
      clock: systemClock,
      liveFrames: true,
    });
    const { runId } = await runs.startRun("think");
    await thinking;
    // The step's screen is encoded meanwhile.
    for (let tries = 0; tries < 100 && !(await runs.activeRuns())[0]?.frame; tries++) await sleep(50);
    await sleep(100);
    const [active] = await runs.activeRuns();
    assert.equal(active?.runId, runId);
    assert.equal(active.phase?.phase, "asking-model");
    assert.equal(active.phase?.step, 1);
    assert.ok(active.phase.elapsedMs >= 100, "for how long already");
    assert.match(active.frame?.image ?? "", /^data:image\/jpeg;base64,/);
    release();
    await runs.result(runId);
    const finished = (runs as unknown as { runs: Map<string, { frame?: unknown; phase?: unknown }> }).runs.get(runId);
    assert.deepEqual([finished?.frame, finished?.phase], [undefined, undefined], "a finished run keeps no frame in memory");
  });

  test("the live view gets the screen each step captured, downscaled to a small JPEG, with no capture of its own", async () => {
    const { runs, events, screen } = controller(
      [slowly(250, call({ action: "left_click", coordinate: [10, 10] })), slowly(250, () => call({ action: "terminate", status: "success" }))],
      {
        clock: systemClock,
        liveFrames: true,
        defaults: {
          ...defaultAgentOptions,
          policy: defaultSafetyPolicy,
          bounds: { minImageTokens: 64, maxImageTokens: 256 },
          settle: { timeoutMs: 300, intervalMs: 30, minChangedPixels: 40 },
        },
      },
    );
    const { runId } = await runs.startRun("click it");
    await runs.result(runId);
    const frames = of(events, "run-frame");
    assert.ok(frames.length >= 1, "at least the first step's screen went out");
    const before = screen.captures;
    for (const f of frames) {
      assert.equal(f.runId, runId);
      assert.match(f.image, /^data:image\/jpeg;base64,/);
      const jpeg = Buffer.from(f.image.slice(f.image.indexOf(",") + 1), "base64");
      assert.ok(jpeg.length <= 120_000, "a frame is capped in size");
      const meta = await sharp(jpeg).metadata();
      assert.equal(meta.format, "jpeg");
      assert.deepEqual([meta.width, meta.height], [f.width, f.height]);
      assert.ok(Math.max(f.width, f.height) <= 640, "downscaled");
      assert.ok(Math.abs(f.width / f.height - DISPLAY.width / DISPLAY.height) < 0.02, "the screen's shape is kept");
    }
    assert.equal(screen.captures, before, "nothing is captured after the run for the live view");
    // Step 1's observation, and its settled screen (what step 2 then works on): no further captures were made for the view.
    assert.deepEqual([...new Set(frames.map((f) => f.step))], [1]);
  });

  test("without a live view to feed (the CLI), no frame is encoded or sent", async () => {
    const { runs, events } = controller([slowly(80, call({ action: "left_click", coordinate: [10, 10] })), call({ action: "terminate", status: "success" })], {
      clock: systemClock,
    });
    await runs.result((await runs.startRun("click it")).runId);
    assert.equal(of(events, "run-frame").length, 0);
    assert.ok(of(events, "run-phase").length > 0, "the phases still go out");
  });
});
