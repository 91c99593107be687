import type { Command } from "commander";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { DeskPilotError } from "../../errors/DeskPilotError.js";
import { UsageError } from "../../errors/UsageError.js";
import { openVisionModel } from "../../service/createGrounder.js";
import { DEFAULT_TOKEN_BOUNDS } from "../../frames/TokenBounds.js";
import { benchLoop, ownMs, wanderingClick } from "../../bench/loop/benchLoop.js";
import { median } from "../../stats/median.js";
import { defaultSettle } from "../../loop/settleScreen.js";
import type { StepTimings } from "../../runs/RunLogEntry.js";
import type { Decider } from "../../loop/Decider.js";
import { ModelDecider } from "../../loop/ModelDecider.js";
import { ReplayDecider } from "../../loop/ReplayDecider.js";
import { FileRunStore } from "../../runs/FileRunStore.js";
import { FRAME_FACTOR, smartResize } from "../../geometry/smartResize.js";
import { gridFactor } from "../../geometry/frameGrid.js";
import { profileOf } from "../../profiles/sourceProfile.js";
import { collectGarbage } from "../../platform/collectGarbage.js";
import { CountingVisionModel } from "../../bench/loop/CountingVisionModel.js";
import { ModelTargetInspector } from "../../policy/ModelTargetInspector.js";
import { ScreenTextInspector } from "../../policy/ScreenTextInspector.js";
import { combineInspectors } from "../../policy/TargetInfo.js";
import { addModelFlags, modelSourceFromFlags, type ModelFlags } from "./groundingFlags.js";

/** `deskpilot bench loop`: the loop's memory and per-step time on a synthetic desktop, scripted or with a model. */
export function registerBenchLoop(bench: Command, ctx: CliContext): void {
  const cmd = bench
    .command("loop")
    .description("Run the agent loop on an in-memory desktop (no real input): resident memory over the run, and step time at steps 1, 5 and 20")
    .option("--steps <n>", "steps to run (default 100 scripted, 20 with a model)")
    .option("--reference", "with a model: run the same steps again re-reading the whole chat each step (no kept context), and print the ratio")
    .option("--screen <WxH>", "size of the synthetic display in pixels", "1280x800")
    .option("--inspect", "with a model: ask it what each click lands on before acting, as `deskpilot run` does (the policy's target inspectors)")
    .option(
      "--real-display",
      "run on this machine's display instead: real capture, real clicks where the script says, real settling (use a display you can spare, such as Xvfb); --screen is then the display's",
    )
    .option("--json", "print one JSON document on stdout");
  addModelFlags(cmd).action(
    async (opts: ModelFlags & { steps?: string; json?: boolean; reference?: boolean; screen: string; inspect?: boolean; realDisplay?: boolean }) => {
      const withModel = Boolean(opts.model || opts.endpoint);
      const steps = Number(opts.steps ?? (withModel ? 20 : 100));
      if (!Number.isInteger(steps) || steps < 1) throw new UsageError(`--steps must be a whole number ≥ 1, not ${opts.steps}`);
      const { source, bounds } = withModel ? modelSourceFromFlags(opts) : { source: undefined, bounds: DEFAULT_TOKEN_BOUNDS };
      if (opts.inspect && !withModel) throw new UsageError("--inspect asks the model: give --model and --mmproj, or --endpoint");
      const desktop = opts.realDisplay ? await realDesktop() : undefined;
      const screen = /^(\d+)x(\d+)$/.exec(opts.screen);
      const [width, height] = desktop
        ? [Math.round(desktop.display.width * desktop.display.scaleFactor), Math.round(desktop.display.height * desktop.display.scaleFactor)]
        : screen
          ? [Number(screen[1]), Number(screen[2])]
          : [0, 0];
      if (!(width >= 64 && height >= 64)) throw new UsageError(`--screen must be WIDTHxHEIGHT in pixels, at least 64x64, not ${JSON.stringify(opts.screen)}`);
      const display = desktop?.display ?? { id: "synthetic", name: "synthetic", x: 0, y: 0, width, height, scaleFactor: 1, primary: true };
      // Counts image tokens and the kept window per step; passes everything else through.
      const model = source && source.kind !== "oracle" ? new CountingVisionModel(await openVisionModel(source, bounds)) : undefined;
      const family = source && source.kind !== "oracle" ? profileOf(source) : undefined;
      const frame = smartResize(
        width,
        height,
        bounds.minImageTokens,
        bounds.maxImageTokens,
        model?.frameFactor ?? (family ? gridFactor(family.profile.grid) : FRAME_FACTOR),
      );
      const inspector = model && opts.inspect ? combineInspectors(new ModelTargetInspector(model), new ScreenTextInspector(model)) : undefined;
      // Clicks only: a random-weight model would otherwise type, wait or terminate at random,
      // and the step times would measure that instead of the engine.
      const modelDecider = (keepContext: boolean) => new ModelDecider(model!, { grammar: true, kinds: ["point"], keepContext, ...family });
      // (from the second: the first lands in the fail-safe corner, which stops a run on a real display)
      const decider: Decider = model ? modelDecider(true) : new ReplayDecider(Array.from({ length: steps }, (_, i) => wanderingClick(i + 1, frame)));
      const dir = mkdtempSync(join(tmpdir(), "deskpilot-bench-loop-"));
      try {
        // A collection before each memory sample: it then shows what stays alive, not the collector's lag.
        const r = await benchLoop({
          steps,
          decider,
          store: new FileRunStore(dir),
          bounds,
          display,
          collectGarbage,
          // the runs' own settle wait, so its median is what a run waits
          settle: defaultSettle,
          ...(desktop ? { desktop } : {}),
          ...(inspector ? { inspector } : {}),
          ...(model ? { sampleStep: () => model.takeStep() } : {}),
          onStep: (n, ms, rss) => ctx.err.write(`step ${n}: ${Math.round(ms)} ms, RSS ${rss.toFixed(0)} MiB\n`),
        });
        // A run that broke measured nothing: say why instead of printing empty figures.
        if (r.status === "error") throw new DeskPilotError("BENCH_RUN_FAILED", `the benchmark's run stopped at step ${r.steps} with an error: ${r.reason}`);
        // The reference: the same chat, read whole at every step (what a stateless engine pays).
        const ref =
          model && opts.reference
            ? await benchLoop({
                steps,
                decider: modelDecider(false),
                store: new FileRunStore(dir),
                bounds,
                display,
                // on the same desktop, settling the same way, so only the kept context differs
                settle: defaultSettle,
                ...(desktop ? { desktop } : {}),
                ...(inspector ? { inspector } : {}),
                onStep: (n, ms) => ctx.err.write(`reference step ${n}: ${Math.round(ms)} ms\n`),
              })
            : undefined;
        const ratio = (n: number) =>
          ref && r.promptMs[n - 1] && ref.promptMs[n - 1] ? Math.round((r.promptMs[n - 1]! / ref.promptMs[n - 1]!) * 100) / 100 : null;
        const at = (n: number, list = r.stepMs) => (list[n - 1] !== undefined ? Math.round(list[n - 1]!) : null);
        const mean = (xs: readonly number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
        const summary = {
          decider: withModel ? "model" : "scripted",
          desktop: desktop ? "real" : "synthetic",
          steps: r.steps,
          status: r.status,
          reason: r.reason,
          screen: `${width}x${height}`,
          rssMb: { afterWarmup: Math.round(r.rssAfterWarmupMb), last: Math.round(r.rssAtEndMb) },
          rssGrowthPercent: Math.round(r.rssGrowthPercent * 10) / 10,
          warmupSteps: r.warmupSteps,
          stepMs: { 1: at(1), 5: at(5), 20: at(20) },
          modelMs: { 1: at(1, r.modelMs), 5: at(5, r.modelMs), 20: at(20, r.modelMs) },
          phaseMedianMs: phaseMedians(r.timings),
          ...(r.promptMs.length
            ? {
                promptMs: { 1: at(1, r.promptMs), 5: at(5, r.promptMs), 20: at(20, r.promptMs) },
                reusedTokens: { 1: r.reusedTokens[0] ?? null, 5: r.reusedTokens[4] ?? null, 20: r.reusedTokens[19] ?? null },
                decodeMsPerToken: { 1: round1(r.decodeMsPerToken[0]), 5: round1(r.decodeMsPerToken[4]), 20: round1(r.decodeMsPerToken[19]) },
                imageTokensPerStep: { 1: r.imageTokens[0] ?? null, 5: r.imageTokens[4] ?? null, 20: r.imageTokens[19] ?? null, mean: mean(r.imageTokens) },
                screenshotsInView: {
                  1: r.screenshotsInView[0] ?? null,
                  5: r.screenshotsInView[4] ?? null,
                  20: r.screenshotsInView[19] ?? null,
                  least: leastAfter(r.screenshotsInView, 3),
                },
                // Steps whose kept context could not be cut, so the engine read the whole prompt again.
                rereads: r.reread.filter(Boolean).length,
                restarts: r.restarts,
                contextSize: model?.contextSize ?? null,
                frame,
                inspect: Boolean(inspector),
                ...(ref
                  ? {
                      referencePromptMs: { 1: at(1, ref.promptMs), 5: at(5, ref.promptMs), 20: at(20, ref.promptMs) },
                      promptRatio: { 1: ratio(1), 5: ratio(5), 20: ratio(20) },
                    }
                  : {}),
              }
            : {}),
        };
        if (opts.json) printJson(ctx, summary);
        else {
          if (r.status !== "budget") ctx.out.write(`the run ended before its ${steps} steps (${r.status}): ${r.reason}\n`);
          ctx.out.write(
            `${summary.steps} steps (${summary.decider}), RSS ${summary.rssMb.afterWarmup} MiB after ${summary.warmupSteps} warm-up steps → ${summary.rssMb.last} MiB at the end (on the fitted trend) (${summary.rssGrowthPercent}%)\n`,
          );
          ctx.out.write(`step time: step 1 ${summary.stepMs[1]} ms, step 5 ${summary.stepMs[5]} ms, step 20 ${summary.stepMs[20]} ms\n`);
          ctx.out.write(`model time: step 1 ${summary.modelMs[1]} ms, step 5 ${summary.modelMs[5]} ms, step 20 ${summary.modelMs[20]} ms\n`);
          const p = summary.phaseMedianMs;
          ctx.out.write(
            `per step, median ms (${summary.desktop} ${summary.screen} desktop): capture ${p.capture}${p.capture === 0 ? " (each step reads the screen the last one settled on)" : ""}, prepare ${p.prepare}, policy ${p.policy}, act ${p.act}, record and the rest ${p.rest}; DeskPilot's own ${p.own} (all but the model's ${p.model} and the settle wait's ${p.settle})\n`,
          );
          if (summary.promptMs && summary.reusedTokens && summary.decodeMsPerToken) {
            ctx.out.write(
              `prompt (encode + prefill): step 1 ${summary.promptMs[1]} ms, step 5 ${summary.promptMs[5]} ms, step 20 ${summary.promptMs[20]} ms; tokens reused from the kept context: ${summary.reusedTokens[1]}, ${summary.reusedTokens[5]}, ${summary.reusedTokens[20]}\n`,
            );
            ctx.out.write(`decode: ${summary.decodeMsPerToken[1]}, ${summary.decodeMsPerToken[5]}, ${summary.decodeMsPerToken[20]} ms per token\n`);
            if (summary.imageTokensPerStep && summary.screenshotsInView) {
              ctx.out.write(
                `image tokens encoded per step${summary.inspect ? " (target inspectors on)" : ""}: step 1 ${summary.imageTokensPerStep[1]}, step 5 ${summary.imageTokensPerStep[5]}, step 20 ${summary.imageTokensPerStep[20]}; mean ${summary.imageTokensPerStep.mean}\n`,
              );
              ctx.out.write(
                `screenshots in view (${summary.screen}, ${frame.width}x${frame.height} frame, ${frame.tokens} tokens, context ${summary.contextSize}): step 1 ${summary.screenshotsInView[1]}, step 5 ${summary.screenshotsInView[5]}, step 20 ${summary.screenshotsInView[20]}, least from step 3 on ${summary.screenshotsInView.least}; conversation restarts: ${summary.restarts}\n`,
              );
            }
            if (summary.rereads)
              ctx.out.write(
                `whole-prompt re-reads: ${summary.rereads} of ${r.reread.length} model calls (the model's recurrent state cannot be partly erased, so the kept context could not skip what it had read)\n`,
              );
            if (summary.referencePromptMs && summary.promptRatio) {
              ctx.out.write(
                `reference (whole chat each step): step 1 ${summary.referencePromptMs[1]} ms, step 5 ${summary.referencePromptMs[5]} ms, step 20 ${summary.referencePromptMs[20]} ms; kept ÷ reference: ${summary.promptRatio[1]}, ${summary.promptRatio[5]}, ${summary.promptRatio[20]}\n`,
              );
            }
          }
        }
      } finally {
        await decider.dispose();
        await model?.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}

/** The median of each phase over the steps, ms (one decimal); `own` is all but the model, the settle wait and confirmations. */
function phaseMedians(timings: readonly StepTimings[]) {
  const m = (f: (t: StepTimings) => number) => Math.round(median(timings.map(f)) * 10) / 10;
  return {
    capture: m((t) => t.captureMs),
    prepare: m((t) => t.prepareMs),
    policy: m((t) => t.policyMs),
    act: m((t) => t.actMs),
    rest: m((t) => ownMs(t) - t.captureMs - t.prepareMs - t.policyMs - t.actMs),
    own: m(ownMs),
    model: m((t) => t.modelMs),
    settle: m((t) => t.settleMs),
  };
}

/** This machine's primary display, captured by the default source and acted on behind the fail-safe corner. */
async function realDesktop() {
  const { desktopDisplays } = await import("../../capture/desktopDisplays.js");
  await desktopDisplays(undefined, process.env, { acting: true }); // a clear error before nut-js could crash on a missing display
  const { createScreenSource } = await import("../../capture/screenSources.js");
  const { createInputDriver } = await import("../../actions/createInputDriver.js");
  const { CornerFailSafe } = await import("../../loop/CornerFailSafe.js");
  const screen = createScreenSource();
  const displays = await screen.listDisplays();
  const display = displays.find((d) => d.primary) ?? displays[0];
  if (!display) throw new DeskPilotError("NO_DISPLAY", "no display to run the benchmark on");
  return { screen, input: new CornerFailSafe(createInputDriver(), () => screen.listDisplays()), display };
}

/** The fewest screenshots in view from step `from` on (the window once it could be full), or null. */
function leastAfter(shown: readonly (number | null)[], from: number): number | null {
  const xs = shown.slice(from - 1).filter((n): n is number => n !== null);
  return xs.length ? Math.min(...xs) : null;
}

function round1(n: number | undefined): number | null {
  return n === undefined ? null : Math.round(n * 10) / 10;
}
