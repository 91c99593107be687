import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MODEL_PRESETS, type ModelPresetName } from "../../gguf/modelPresets.js";
import { isQwen25VlPresetName } from "../../gguf/qwen25vlPresets.js";
import type { BenchEngineReport } from "./benchEngine.js";
import { benchGroundingSteps, type GroundingStep } from "./benchGroundingSteps.js";
import { preparePresetModel } from "./preparePresetModel.js";

/** The image-token counts `bench engine --preset qwen2.5-vl-3b` measures: the minimum, 1080p, 1440p/4K. */
export const STEP_IMAGE_TOKENS = [1024, 2691, 4080] as const;

export interface BenchEngineStepsOptions {
  readonly cli: string;
  readonly quantize: string;
  readonly backendDir: string;
  readonly cacheDir: string;
  readonly preset: ModelPresetName;
  readonly model?: string;
  readonly mmproj?: string;
  readonly imageTokens: readonly number[];
  readonly maxTokens: number;
  readonly threads: number;
  readonly gpuLayers: number;
  readonly contextSize?: number;
  readonly log?: (line: string) => void;
}

/** The steps report: the classic fields describe the first size; `steps` holds every size. */
export interface BenchEngineStepsReport extends BenchEngineReport {
  readonly steps: readonly GroundingStep[];
  readonly model: { readonly preset?: string; readonly text: string; readonly mmproj: string; readonly textType: string; readonly mmprojType: string };
  readonly engine: { readonly threads: number; readonly gpuLayers: number; readonly contextSize: number; readonly ubatch?: number };
}

/**
 * Seconds per grounding step at each image-token count, ours vs llama-mtmd-cli. Full-size presets
 * run as a user downloads them (Q4_K_M text, f16 mmproj), made once in `cacheDir`.
 */
export async function benchEngineSteps(o: BenchEngineStepsOptions): Promise<BenchEngineStepsReport> {
  const log = o.log ?? (() => undefined);
  let tmp: string | undefined;
  try {
    let files: { model: string; mmproj: string; textType: string; mmprojType: string };
    if (o.model && o.mmproj) files = { model: o.model, mmproj: o.mmproj, textType: "as given", mmprojType: "as given" };
    else if (isQwen25VlPresetName(o.preset) && o.preset !== "tiny") {
      files = await preparePresetModel({ preset: o.preset, cacheDir: o.cacheDir, quantize: o.quantize, threads: o.threads, log });
    } else {
      tmp = mkdtempSync(join(tmpdir(), "deskpilot-bench-"));
      files = { ...MODEL_PRESETS[o.preset].generate({ outDir: tmp }), textType: "f16", mmprojType: "f16" };
    }
    const contextSize = o.contextSize ?? Math.max(8192, Math.max(...o.imageTokens) + 1024);
    const steps = await benchGroundingSteps({ ...o, model: files.model, mmproj: files.mmproj, contextSize });
    const first = steps[0]!;
    const ms = (s: number) => s * 1000;
    return {
      frame: first.frame,
      runs: 1,
      memory: first.memory,
      placement: first.placement,
      ours: {
        encodeMs: first.ours.encodeMs,
        prefillMs: first.ours.prefillMs,
        decodeMs: first.ours.decodeMs,
        textMs: first.ours.prefillMs + first.ours.decodeMs,
        totalMs: ms(first.ours.seconds),
        generatedTokens: first.ours.generatedTokens,
      },
      theirs: {
        encodeMs: first.theirs.encodeMs,
        textMs: ms(first.theirs.seconds) - first.theirs.encodeMs,
        totalMs: ms(first.theirs.seconds),
        loadMs: first.theirs.loadMs,
      },
      ratio: first.ratio,
      sameText: first.sameText,
      steps,
      model: { preset: o.model ? undefined : o.preset, text: files.model, mmproj: files.mmproj, textType: files.textType, mmprojType: files.mmprojType },
      engine: { threads: o.threads, gpuLayers: o.gpuLayers, contextSize, ubatch: first.ours.ubatch },
    };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
