import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelPresetName } from "../../gguf/modelPresets.js";
import { benchModelFiles } from "./benchModelFiles.js";
import type { EngineMemory } from "../../vision/EngineMemory.js";
import type { EngineReport } from "../../vision/EngineReport.js";
import { formatEngineReport } from "../../vision/EngineReport.js";
import { HostedVisionModel } from "../../vision/HostedVisionModel.js";
import { smartResize } from "../../geometry/smartResize.js";
import { prepareFrame } from "../../frames/prepareFrame.js";
import { validateModelFiles } from "../../vision/validateModelFiles.js";
import { median } from "../../stats/median.js";
import { runMtmdCli, type MtmdCliRun } from "./runMtmdCli.js";
import { syntheticScreenshot, writeSyntheticScreenshot } from "./syntheticScreenshot.js";

export interface BenchEngineOptions {
  readonly cli: string;
  readonly backendDir: string;
  readonly model?: string;
  readonly mmproj?: string;
  readonly preset?: ModelPresetName;
  readonly width?: number;
  readonly height?: number;
  readonly runs?: number;
  readonly maxTokens?: number;
  readonly threads?: number;
  readonly gpuLayers?: number;
  readonly log?: (line: string) => void;
}

export interface PhaseTimes {
  readonly encodeMs: number;
  /** Prefill + decode (llama-mtmd-cli cannot split them from outside). */
  readonly textMs: number;
  readonly totalMs: number;
}

export interface BenchEngineReport {
  readonly frame: { width: number; height: number; tokens: number };
  readonly runs: number;
  readonly ours: PhaseTimes & { prefillMs: number; decodeMs: number; generatedTokens: number };
  readonly theirs: PhaseTimes & { loadMs: number };
  readonly ratio: number;
  readonly sameText: boolean;
  /** What our engine allocated, from llama.cpp's own reports, after the warm-up request (bytes). */
  readonly memory: Omit<EngineMemory, "buffers">;
  /** What our engine ran on (backend, device, layers offloaded, the vision encoder's backend), from the engine. */
  readonly placement: EngineReport;
}

/** The same model, image and prompt through our addon (warm host) and llama-mtmd-cli; medians of `runs`. */
export async function benchEngine(o: BenchEngineOptions): Promise<BenchEngineReport> {
  const log = o.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-bench-"));
  try {
    const files = benchModelFiles(o, dir);
    // the grid the files ask for: 28 px for Qwen2.5-VL, 32 for Qwen3-VL
    const { patchSize, mergeSize } = validateModelFiles(files.model, files.mmproj);
    const frame = smartResize(o.width ?? 1280, o.height ?? 800, 1024, 4096, patchSize * mergeSize);
    // the image is already at its frame, so neither side resizes it
    const data = syntheticScreenshot(frame.width, frame.height);
    const png = await writeSyntheticScreenshot(join(dir, "screen.png"), frame.width, frame.height);
    const prompt = "Where is the blue button?";
    const common = { maxTokens: o.maxTokens ?? 32, threads: o.threads ?? availableParallelism(), contextSize: 8192, gpuLayers: o.gpuLayers ?? 0 };
    const runs = o.runs ?? 3;

    log(`ours: loading ${files.model}`);
    const model = await HostedVisionModel.load({
      modelPath: files.model,
      mmprojPath: files.mmproj,
      gpuLayers: common.gpuLayers,
      contextSize: common.contextSize,
      threads: common.threads,
      minImageTokens: 1024,
      maxImageTokens: 4096,
      warmup: false,
    });
    const image = await prepareFrame(
      { data, width: frame.width, height: frame.height, channels: 3 },
      { minImageTokens: frame.tokens, maxImageTokens: frame.tokens, factor: patchSize * mergeSize },
    );
    const request = { image, messages: [{ role: "user" as const, content: prompt }], maxTokens: common.maxTokens };
    const engine = model.loaded!.report;
    log(`ours: ${formatEngineReport(engine)}`);
    // llama-mtmd-cli loads its backends from its working folder: the one our engine took its GPU backend from
    const backendDir = model.loaded!.gpuBackendDir ?? o.backendDir;
    const ours = [];
    const theirs: MtmdCliRun[] = [];
    let memory: EngineMemory;
    try {
      await model.generate(request); // warm-up: first-use allocations are not part of a warm request
      memory = await model.engineMemory(); // the vision encoder reserves its buffers on the first image
      // interleaved, so both engines see the same background load on a shared machine
      for (let i = 0; i < runs; i++) {
        ours.push(await model.generate(request));
        theirs.push(
          await runMtmdCli({
            cli: o.cli,
            backendDir,
            model: files.model,
            mmproj: files.mmproj,
            image: png,
            prompt,
            maxTokens: common.maxTokens,
            threads: common.threads,
            contextSize: common.contextSize,
            batchSize: 2048,
            minImageTokens: 1024,
            maxImageTokens: 4096,
            gpuLayers: common.gpuLayers,
          }),
        );
        log(`run ${i + 1}: ours ${ours.at(-1)!.timings.totalMs.toFixed(0)} ms, llama-mtmd-cli ${theirs.at(-1)!.requestMs.toFixed(0)} ms`);
      }
    } finally {
      await model.dispose();
    }
    const oursTotal = median(ours.map((r) => r.timings.totalMs));
    const theirsTotal = median(theirs.map((r) => r.requestMs));
    const theirsEncode = median(theirs.map((r) => r.encodeMs));
    return {
      frame,
      runs,
      ours: {
        encodeMs: median(ours.map((r) => r.timings.encodeMs)),
        prefillMs: median(ours.map((r) => r.timings.prefillMs)),
        decodeMs: median(ours.map((r) => r.timings.decodeMs)),
        textMs: median(ours.map((r) => r.timings.prefillMs + r.timings.decodeMs)),
        totalMs: oursTotal,
        generatedTokens: ours[0]!.generatedTokens,
      },
      theirs: { encodeMs: theirsEncode, textMs: theirsTotal - theirsEncode, totalMs: theirsTotal, loadMs: median(theirs.map((r) => r.loadMs)) },
      ratio: oursTotal / theirsTotal,
      sameText: ours[0]!.text.trim() === theirs[0]!.text.trim(),
      memory: {
        weightsBytes: memory.weightsBytes,
        kvCacheBytes: memory.kvCacheBytes,
        computeBytes: memory.computeBytes,
        outputBytes: memory.outputBytes,
        visionComputeBytes: memory.visionComputeBytes,
      },
      placement: engine,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
