import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelPresetName } from "../../gguf/modelPresets.js";
import { benchModelFiles } from "./benchModelFiles.js";
import { familyOfMmproj } from "../../profiles/familyOfProjector.js";
import { getProfile } from "../../profiles/profileRegistry.js";
import { smartResize } from "../../geometry/smartResize.js";
import { gridFactor } from "../../geometry/frameGrid.js";
import { median } from "../../stats/median.js";
import { runMtmdCli } from "./runMtmdCli.js";
import { writeSyntheticScreenshot } from "./syntheticScreenshot.js";

const MIN_IMAGE_TOKENS = 1024;
const MAX_IMAGE_TOKENS = 4096;

export interface WholeProcessOptions {
  /** llama-mtmd-cli, and the folder it loads its backends from. */
  readonly cli: string;
  readonly backendDir: string;
  /** bin/deskpilot.js, run with this Node. */
  readonly deskpilot: string;
  /** Another build's bin/deskpilot.js (a checkout from before a change), timed the same way in the same runs. */
  readonly baseline?: string;
  readonly model?: string;
  readonly mmproj?: string;
  readonly preset?: ModelPresetName;
  readonly width?: number;
  readonly height?: number;
  readonly runs?: number;
  readonly threads?: number;
  readonly gpuLayers?: number;
  readonly log?: (line: string) => void;
}

export interface WholeProcessReport {
  readonly image: { readonly width: number; readonly height: number };
  readonly runs: number;
  /** Both generate at most this many tokens: our grounding's limit for a point. */
  readonly maxTokens: number;
  /** `deskpilot ground IMAGE QUERY --json`, from spawn to exit, ms (median). */
  readonly oursMs: number;
  /** How our answers ended: a point, or refused by the range check (random weights name points off the frame). */
  readonly oursAnswers: { readonly answered: number; readonly refused: number };
  /** `llama-mtmd-cli` on the same image and files, held to the same answer grammar, from spawn to exit, ms (median). */
  readonly theirsMs: number;
  /** oursMs ÷ theirsMs: the same work on both sides. */
  readonly ratio: number;
  /** `llama-mtmd-cli` without a grammar (free text), ms (median): what constrained sampling costs it. */
  readonly theirsUnconstrainedMs: number;
  readonly ratioUnconstrained: number;
  /** With a baseline build: its `deskpilot ground`, ms (median), and that over theirsMs. */
  readonly baselineMs?: number;
  readonly baselineRatio?: number;
}

/**
 * `deskpilot ground` and `llama-mtmd-cli` as a user starts them, each a whole process on the
 * same model files and image, interleaved: start-up, model load, image decoding, the request
 * and exit, everything the user waits for. Both see the same image-token bounds and token limit,
 * and llama-mtmd-cli runs twice: held to our answer grammar (the same work) and free.
 */
export async function benchWholeProcess(o: WholeProcessOptions): Promise<WholeProcessReport> {
  const log = o.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-bench-whole-"));
  try {
    const files = benchModelFiles(o, dir);
    const image = { width: o.width ?? 1280, height: o.height ?? 800 };
    const png = await writeSyntheticScreenshot(join(dir, "screen.png"), image.width, image.height);
    const profile = getProfile(familyOfMmproj(files.mmproj));
    const maxTokens = profile.grounding.maxTokens("point");
    // The same work on both sides: llama-mtmd-cli is held to the GBNF our grounding sends for
    // this frame (with random weights the grammar rejects most first choices, which costs).
    const frame = smartResize(image.width, image.height, MIN_IMAGE_TOKENS, MAX_IMAGE_TOKENS, gridFactor(profile.grid));
    const grammar = profile.grounding.grammar(frame, "point", profile.defaultCoordinates);
    const grammarFile = grammar === undefined ? undefined : join(dir, "answer.gbnf");
    if (grammarFile) writeFileSync(grammarFile, grammar!);
    const threads = o.threads ?? availableParallelism();
    const gpuLayers = o.gpuLayers ?? 0;
    const runs = o.runs ?? 5;
    const ours: number[] = [];
    const theirs: number[] = [];
    const unconstrained: number[] = [];
    const answers = { answered: 0, refused: 0 };
    const baseline: number[] = [];
    const groundArgs = (bin: string) => [
      bin,
      "ground",
      png,
      "the blue button",
      ...["--model", files.model, "--mmproj", files.mmproj, "--threads", String(threads), "--gpu-layers", String(gpuLayers)],
      ...["--min-image-tokens", String(MIN_IMAGE_TOKENS), "--max-image-tokens", String(MAX_IMAGE_TOKENS), "--no-zoom", "--json"],
    ];
    for (let i = 0; i < runs; i++) {
      if (o.baseline) {
        const b = performance.now();
        const r = await runProcess(process.execPath, groundArgs(o.baseline));
        if (r.code !== 0 && !(r.code === 1 && /cannot be right/.test(r.stderr)))
          throw new Error(`the baseline's deskpilot ground exited ${r.code}: ${r.stderr.slice(-1500)}`);
        baseline.push(performance.now() - b);
      }
      const started = performance.now();
      const ground = await runProcess(process.execPath, groundArgs(o.deskpilot));
      ours.push(performance.now() - started);
      if (ground.code === 0) answers.answered++;
      else if (ground.code === 1 && /cannot be right/.test(ground.stderr)) answers.refused++;
      else throw new Error(`deskpilot ground exited ${ground.code}: ${ground.stderr.slice(-1500)}`);
      const t = performance.now();
      const mtmd = (grammar?: string) =>
        runMtmdCli({
          cli: o.cli,
          backendDir: o.backendDir,
          model: files.model,
          mmproj: files.mmproj,
          image: png,
          prompt: "Point at the blue button.",
          maxTokens,
          threads,
          contextSize: 8192,
          batchSize: 2048,
          ubatchSize: 512,
          minImageTokens: MIN_IMAGE_TOKENS,
          maxImageTokens: MAX_IMAGE_TOKENS,
          gpuLayers,
          grammarFile: grammar,
        });
      await mtmd(grammarFile);
      theirs.push(performance.now() - t);
      const u = performance.now();
      await mtmd(undefined);
      unconstrained.push(performance.now() - u);
      log(
        `run ${i + 1}: deskpilot ground ${ours.at(-1)!.toFixed(0)} ms, llama-mtmd-cli ${theirs.at(-1)!.toFixed(0)} ms (without the grammar ${unconstrained.at(-1)!.toFixed(0)} ms)` +
          (o.baseline ? `, baseline ${baseline.at(-1)!.toFixed(0)} ms` : ""),
      );
    }
    const oursMs = median(ours);
    const theirsMs = median(theirs);
    const theirsUnconstrainedMs = median(unconstrained);
    return {
      image,
      runs,
      maxTokens,
      oursMs,
      oursAnswers: answers,
      theirsMs,
      ratio: oursMs / theirsMs,
      theirsUnconstrainedMs,
      ratioUnconstrained: oursMs / theirsUnconstrainedMs,
      ...(o.baseline ? { baselineMs: median(baseline), baselineRatio: median(baseline) / theirsMs } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runProcess(command: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}
