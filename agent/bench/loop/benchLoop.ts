import { defaultAgentOptions } from "../../loop/AgentPorts.js";
import { systemClock } from "../../loop/Clock.js";
import type { Decider } from "../../loop/Decider.js";
import { RunControl } from "../../loop/RunControl.js";
import { runAgent } from "../../loop/runAgent.js";
import type { TokenBounds } from "../../frames/TokenBounds.js";
import { defaultSafetyPolicy } from "../../policy/SafetyPolicy.js";
import type { RunStore } from "../../runs/RunStore.js";
import { SyntheticDesktop } from "./SyntheticDesktop.js";
import type { Display } from "../../geometry/Display.js";
import type { TargetInspector } from "../../policy/TargetInfo.js";
import type { StepSample } from "./CountingVisionModel.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import type { ScreenSource } from "../../ports/ScreenSource.js";
import type { InputDriver } from "../../ports/InputDriver.js";
import type { StepTimings } from "../../runs/RunLogEntry.js";
import { defaultSettle, type SettleOptions } from "../../loop/settleScreen.js";

export interface LoopBench {
  readonly steps: number;
  readonly status: string;
  /** Why the run ended (the error, for status "error"). */
  readonly reason: string;
  /** Resident memory (MiB) after each step. */
  readonly rssMb: readonly number[];
  /** Step wall time (ms) after each step. */
  readonly stepMs: readonly number[];
  /** The model's share of each step (ms): encode + prefill + decode. */
  readonly modelMs: readonly number[];
  /** Per model call (when the decider reports timings): encode + prefill ms, the prompt's cost. */
  readonly promptMs: readonly number[];
  /** Per model call: decode ms per generated token. */
  readonly decodeMsPerToken: readonly number[];
  /** Per model call: prompt tokens the engine already held. */
  readonly reusedTokens: readonly number[];
  /** Per model call: whether the engine had to read the whole prompt again (a state it cannot cut: Qwen3.5's recurrent layers). */
  readonly reread: readonly boolean[];
  /** RSS (MiB) at the end of warm-up and at the last step, on the straight line fitted to the steps after warm-up. */
  readonly rssAfterWarmupMb: number;
  readonly rssAtEndMb: number;
  /** RSS growth from the end of warm-up to the last step, in percent. */
  readonly rssGrowthPercent: number;
  readonly warmupSteps: number;
  /** Per step, when `sampleStep` is given: image tokens encoded, screenshots in the decider's view, and restarts in all. */
  readonly imageTokens: readonly number[];
  readonly screenshotsInView: readonly (number | null)[];
  readonly restarts: number;
  /** Each step's phases as the loop timed them (capture, prepare, model, policy, confirm, act, settle, total). */
  readonly timings: readonly StepTimings[];
}

/** DeskPilot's own part of a step: all of it but the model call, the settle wait and the user's answer to a confirmation. */
export function ownMs(t: StepTimings): number {
  return t.totalMs - t.modelMs - t.settleMs - t.confirmMs;
}

/** A scripted answer for step `n`: clicks that wander over the screen, so no two in a row are the same. */
export function wanderingClick(n: number, frame: { width: number; height: number }): string {
  const x = (n * 97) % frame.width;
  const y = (n * 61) % frame.height;
  return `<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [${x}, ${y}]}}\n</tool_call>`;
}

/**
 * Runs the real loop for `steps` steps on a synthetic desktop (nothing touches this machine's
 * input), or on a real display when `desktop` is given, and measures resident memory and time
 * per step, phase by phase: the loop's own cost, recording included, stays flat when history
 * and records are bounded.
 */
export async function benchLoop(options: {
  steps: number;
  decider: Decider;
  store: RunStore;
  bounds: TokenBounds;
  warmupSteps?: number;
  display?: Display;
  onStep?: (step: number, ms: number, rssMb: number) => void;
  /** A full garbage collection, run before each memory sample: the sample then shows what stays alive, not how far the collector lags. */
  collectGarbage?: () => void;
  /** Asked before each action, as a run's policy asks (the model's target inspectors). */
  inspector?: TargetInspector;
  /** Read after each step: what the model was asked during it (CountingVisionModel.takeStep). */
  sampleStep?: () => StepSample;
  /** A real screen and input instead of the synthetic desktop. */
  desktop?: { readonly screen: ScreenSource; readonly input: InputDriver };
  /** How each step settles; default: as runs do (defaultSettle) on a real desktop, a 10 ms poll on the synthetic one (which changes at each input). */
  settle?: SettleOptions;
}): Promise<LoopBench> {
  const synthetic = options.desktop ? undefined : new SyntheticDesktop(options.display);
  const screen = options.desktop?.screen ?? synthetic!;
  const input = options.desktop?.input ?? synthetic!;
  // the synthetic desktop changes on every tick, so a short settle is enough there
  const settle: SettleOptions = options.settle ?? (synthetic ? { timeoutMs: 200, intervalMs: 10, minChangedPixels: 40 } : defaultSettle);
  const timings: StepTimings[] = [];
  const control = new RunControl();
  const rssMb: number[] = [];
  const stepMs: number[] = [];
  const modelMs: number[] = [];
  const record = await options.store.open(`bench-${Date.now()}`);
  const promptMs: number[] = [];
  const decodeMsPerToken: number[] = [];
  const reusedTokens: number[] = [];
  const reread: boolean[] = [];
  const imageTokens: number[] = [];
  const screenshotsInView: (number | null)[] = [];
  let restarts = 0;
  const inner = options.decider;
  // Sees each decision's timings without changing what the loop gets.
  const decider: Decider = {
    decide: async (request) => {
      const d = await inner.decide(request);
      if (d.timings) {
        promptMs.push(d.timings.encodeMs + d.timings.prefillMs);
        decodeMsPerToken.push(d.generatedTokens ? d.timings.decodeMs / d.generatedTokens : 0);
        reusedTokens.push(d.reusedTokens ?? 0);
        reread.push(d.eraseRefused === true);
      }
      return d;
    },
    dispose: () => inner.dispose(),
    // The loop prepares each screenshot on the decider's grid and reads its answers with the
    // decider's parser: a wrapper that dropped them would send a Qwen3-VL model 28-px frames and
    // read its 0–1000 answers as pixels.
    ...(inner.parse ? { parse: (text: string, frame: FrameSize) => inner.parse!(text, frame) } : {}),
    get frameFactor() {
      return inner.frameFactor;
    },
  };
  const result = await runAgent(
    {
      screen,
      input,
      decider,
      clock: systemClock,
      control,
      record,
      ...(options.inspector ? { inspector: options.inspector } : {}),
      confirm: async () => true,
      onStep: (e) => {
        // Every step sees a new screenshot, even after a step whose action failed (a random
        // model's often does): an engine that kept an identical one would otherwise skip its
        // encoding, and the figures would flatter it.
        synthetic?.tick();
        timings.push(e.timings);
        options.collectGarbage?.();
        const rss = process.memoryUsage().rss / 2 ** 20;
        rssMb.push(rss);
        stepMs.push(e.timings.totalMs);
        modelMs.push(e.timings.modelMs);
        const sample = options.sampleStep?.();
        if (sample) {
          imageTokens.push(sample.imageTokens);
          screenshotsInView.push(sample.screenshotsInView);
          if (sample.restarted) restarts++;
        }
        options.onStep?.(e.step, e.timings.totalMs, rss);
      },
    },
    {
      ...defaultAgentOptions,
      runId: "bench",
      task: "benchmark the loop",
      maxSteps: options.steps,
      policy: defaultSafetyPolicy,
      bounds: options.bounds,
      maxUnchangedSteps: options.steps + 1,
      maxConsecutiveFailures: options.steps + 1,
      settle,
    },
  );
  const warmupSteps = Math.min(options.warmupSteps ?? 10, Math.max(0, rssMb.length - 1));
  // One sample swings by ±15% with the garbage collector's timing, and even medians of 25 steps
  // by ±8%; a leak is a trend. So growth is read off the least-squares line through every step
  // after warm-up: its value at the last step against its value where warm-up ended.
  const { base, last } = trend(rssMb.slice(warmupSteps));
  return {
    steps: result.steps,
    status: result.status,
    reason: result.reason,
    rssMb,
    stepMs,
    modelMs,
    promptMs,
    decodeMsPerToken,
    reusedTokens,
    reread,
    warmupSteps,
    rssAfterWarmupMb: base,
    rssAtEndMb: last,
    rssGrowthPercent: base ? ((last - base) / base) * 100 : 0,
    imageTokens,
    screenshotsInView,
    restarts,
    timings,
  };
}

/** The least-squares line through `ys` (one per step), at the first and the last step. */
function trend(ys: readonly number[]): { base: number; last: number } {
  const n = ys.length;
  if (n < 2) return { base: ys[0] ?? 0, last: ys[0] ?? 0 };
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxy / sxx;
  return { base: meanY - slope * meanX, last: meanY + slope * (n - 1 - meanX) };
}
