import type { EngineMemory } from "../../vision/EngineMemory.js";
import type { EngineReport } from "../../vision/EngineReport.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { groundingMessages } from "../../profiles/qwen25vl/groundingPrompt.js";
import { HostedVisionModel } from "../../vision/HostedVisionModel.js";
import type { Frame } from "../../geometry/smartResize.js";
import { prepareFrame } from "../../frames/prepareFrame.js";
import { captureHostLog, ubatchFromLog } from "./captureHostLog.js";
import { frameForTokens } from "./frameForTokens.js";
import { validateModelFiles } from "../../vision/validateModelFiles.js";
import { peakRssBytes } from "./peakRss.js";
import { processCpuSeconds } from "./processCpuSeconds.js";
import { runMtmdCli } from "./runMtmdCli.js";
import { syntheticScreenshot } from "./syntheticScreenshot.js";

export interface GroundingStepsOptions {
  readonly cli: string;
  readonly backendDir: string;
  readonly model: string;
  readonly mmproj: string;
  /** Image-token counts to measure, each one step per engine. */
  readonly imageTokens: readonly number[];
  readonly maxTokens: number;
  readonly threads: number;
  readonly gpuLayers: number;
  readonly contextSize: number;
  readonly log?: (line: string) => void;
}

/** One grounding step (screenshot + grounding prompt + answer) on a fresh process of each engine. */
export interface GroundingStep {
  readonly frame: Frame;
  readonly ours: {
    readonly seconds: number;
    readonly encodeMs: number;
    readonly prefillMs: number;
    readonly decodeMs: number;
    readonly generatedTokens: number;
    readonly loadMs: number;
    readonly peakRssBytes?: number;
    readonly ubatch?: number;
    /** CPU seconds the engine host spent on the step (does not grow with other load on the cores). */
    readonly cpuSeconds?: number;
  };
  readonly theirs: {
    readonly seconds: number;
    readonly encodeMs: number;
    readonly loadMs: number;
    readonly peakRssBytes?: number;
    readonly ubatch?: number;
    readonly cpuSeconds?: number;
  };
  /** The engine's buffers after the step, as llama.cpp reported allocating them. */
  readonly memory: Omit<EngineMemory, "buffers">;
  /** What our engine ran the step on, from the engine. */
  readonly placement: EngineReport;
  readonly ratio: number;
  readonly sameText: boolean;
}

/** The query every step grounds; the answer's content does not matter with random weights, its length does. */
const QUERY = "the Save button";

/**
 * For each image-token count: a synthetic screenshot at exactly that frame, one cold step through
 * our engine host and one through llama-mtmd-cli with the same ubatch, with each process's peak RSS.
 */
export async function benchGroundingSteps(o: GroundingStepsOptions): Promise<GroundingStep[]> {
  const log = o.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-bench-steps-"));
  const prompt = groundingMessages(QUERY, "point")
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n");
  const steps: GroundingStep[] = [];
  const { patchSize, mergeSize } = validateModelFiles(o.model, o.mmproj);
  try {
    for (const tokens of o.imageTokens) {
      const frame = frameForTokens(tokens, patchSize * mergeSize);
      const data = syntheticScreenshot(frame.width, frame.height);
      const png = join(dir, `screen-${tokens}.png`);
      await sharp(Buffer.from(data), { raw: { width: frame.width, height: frame.height, channels: 3 } })
        .png()
        .toFile(png);
      const bounds = { minImageTokens: Math.min(1024, tokens), maxImageTokens: Math.max(tokens, 1024) };

      log(`${tokens} image tokens (${frame.width}x${frame.height}): ours`);
      const host = captureHostLog();
      const loadStart = performance.now();
      const model = await HostedVisionModel.load(
        {
          modelPath: o.model,
          mmprojPath: o.mmproj,
          gpuLayers: o.gpuLayers,
          contextSize: o.contextSize,
          threads: o.threads,
          ...bounds,
          warmup: false,
        },
        host.spawnHost,
      );
      const loadMs = performance.now() - loadStart;
      const placement = model.loaded!.report;
      // llama-mtmd-cli loads its backends from its working folder: the one our engine took its GPU backend from
      const backendDir = model.loaded!.gpuBackendDir ?? o.backendDir;
      let ours;
      let oursPeak: number | undefined;
      let oursCpu: number | undefined;
      let memory: EngineMemory | undefined;
      try {
        const image = await prepareFrame(
          { data, width: frame.width, height: frame.height, channels: 3 },
          { minImageTokens: frame.tokens, maxImageTokens: frame.tokens, factor: patchSize * mergeSize },
        );
        const cpuBefore = model.loaded ? processCpuSeconds(model.loaded.pid) : undefined;
        ours = await model.generate({ image, messages: [{ role: "user", content: prompt }], maxTokens: o.maxTokens });
        const pid = model.loaded?.pid;
        oursPeak = pid === undefined ? undefined : peakRssBytes(pid);
        const cpuAfter = pid === undefined ? undefined : processCpuSeconds(pid);
        oursCpu = cpuAfter !== undefined && cpuBefore !== undefined ? cpuAfter - cpuBefore : undefined;
        memory = await model.engineMemory(); // the vision encoder reserves its buffers on the first image
      } finally {
        await model.dispose();
      }
      const ubatch = ubatchFromLog(host.log());
      log(`${tokens} image tokens: ours ${(ours.timings.totalMs / 1000).toFixed(1)} s (ubatch ${ubatch ?? "?"}); llama-mtmd-cli`);
      const theirs = await runMtmdCli({
        cli: o.cli,
        backendDir,
        model: o.model,
        mmproj: o.mmproj,
        image: png,
        prompt,
        maxTokens: o.maxTokens,
        threads: o.threads,
        contextSize: o.contextSize,
        batchSize: 2048,
        ubatchSize: ubatch ?? 2048,
        minImageTokens: bounds.minImageTokens,
        maxImageTokens: bounds.maxImageTokens,
        gpuLayers: o.gpuLayers,
      });
      const step: GroundingStep = {
        frame,
        ours: {
          seconds: ours.timings.totalMs / 1000,
          encodeMs: ours.timings.encodeMs,
          prefillMs: ours.timings.prefillMs,
          decodeMs: ours.timings.decodeMs,
          generatedTokens: ours.generatedTokens,
          loadMs,
          peakRssBytes: oursPeak,
          ubatch,
          cpuSeconds: oursCpu,
        },
        theirs: {
          seconds: theirs.requestMs / 1000,
          encodeMs: theirs.encodeMs,
          loadMs: theirs.loadMs,
          peakRssBytes: theirs.peakRssBytes,
          ubatch: theirs.ubatch,
          cpuSeconds: theirs.cpuSeconds,
        },
        memory: {
          weightsBytes: memory.weightsBytes,
          kvCacheBytes: memory.kvCacheBytes,
          computeBytes: memory.computeBytes,
          outputBytes: memory.outputBytes,
          visionComputeBytes: memory.visionComputeBytes,
        },
        placement,
        ratio: ours.timings.totalMs / theirs.requestMs,
        sameText: ours.text.trim() === theirs.text.trim(),
      };
      // the whole step on one line, so a long run that is stopped still leaves its finished sizes
      log(`${tokens} image tokens: llama-mtmd-cli ${step.theirs.seconds.toFixed(1)} s; step ${JSON.stringify(step)}`);
      steps.push(step);
    }
    return steps;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
